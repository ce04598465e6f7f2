// The browser's end of GET /api/me/events. EventSource reconnects by itself
// after a dropped connection, but gives up for good when the server answers
// with an error status (signed out, database down); then we reconnect
// ourselves, waiting longer each time. Every (re)connection starts with the
// current permission stamp, so a change made while disconnected is never missed.

export type PermissionEventHandlers = {
  /** `changed`: the server saw the claims change (also when a grant ended, which keeps the permission stamp). */
  onPermissions(permissionsUpdatedAt: number, changed: boolean): void;
  onRevoked(): void;
};

const BACKOFF_MS = [1_000, 2_000, 5_000, 10_000, 30_000];

export function subscribePermissionEvents(handlers: PermissionEventHandlers): () => void {
  if (typeof EventSource === "undefined") return () => {};
  let source: EventSource | null = null;
  let failures = 0;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const connect = () => {
    source = new EventSource("/api/me/events");
    source.onopen = () => {
      failures = 0;
    };
    source.addEventListener("permissions", (event) => {
      const { permissionsUpdatedAt, changed } = JSON.parse((event as MessageEvent<string>).data) as {
        permissionsUpdatedAt: number;
        changed: boolean;
      };
      handlers.onPermissions(permissionsUpdatedAt, changed);
    });
    source.addEventListener("revoked", () => {
      stop();
      handlers.onRevoked();
    });
    source.onerror = () => {
      if (stopped || source?.readyState !== EventSource.CLOSED) return; // the browser retries itself
      const delay = BACKOFF_MS[Math.min(failures, BACKOFF_MS.length - 1)];
      failures++;
      retry = setTimeout(connect, delay);
    };
  };

  const stop = () => {
    stopped = true;
    clearTimeout(retry);
    source?.close();
  };

  connect();
  return stop;
}
