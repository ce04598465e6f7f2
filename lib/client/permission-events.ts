// The browser's end of GET /api/me/events, for the one tab that holds the
// stream (lib/client/shared-permission-events.ts). It reconnects by itself:
// after a stream that worked, at the server's pace; after a refusal or an
// error, waiting longer each time; after a 429, no sooner than its
// Retry-After says. Every (re)connection starts with the current permission stamp, so a
// change made while disconnected is never missed.
import { backoffMs, RECONNECT_MS, retryAfterMs, sleep, withJitter } from "./reconnect-delay";
import { readServerSentEvents, type ServerSentEvent } from "./sse-reader";

export const EVENTS_URL = "/api/me/events";

/**
 * After a "revoked", how long before asking again with the cookie the browser
 * holds then. A password change made in this browser ends the session its
 * stream was opened with and re-issues the cookie in the action's answer,
 * which may land just after the event: only a refusal of the new question
 * (401) means this browser is signed out.
 */
export const REVOKED_RECHECK_MS = 1_000;

export type PermissionEventHandlers = {
  /** `changed`: the server saw the claims change (also when a grant ended, which keeps the permission stamp). */
  onPermissions(permissionsUpdatedAt: number, changed: boolean): void;
  onRevoked(): void;
};

type PermissionsData = { permissionsUpdatedAt: number; changed: boolean };

export function subscribePermissionEvents(handlers: PermissionEventHandlers): () => void {
  const abort = new AbortController();
  let failures = 0;
  let revoked = false;
  /** The last stream said its session ended; the next answer says whether this browser's has. */
  let ended = false;

  const onEvent = ({ event, data }: ServerSentEvent) => {
    if (event === "permissions") {
      const { permissionsUpdatedAt, changed } = JSON.parse(data) as PermissionsData;
      handlers.onPermissions(permissionsUpdatedAt, changed);
    }
    if (event === "revoked") ended = true;
  };

  /** One connection; returns how long to wait before the next one. */
  const connectOnce = async (): Promise<number> => {
    const response = await fetch(EVENTS_URL, {
      headers: { Accept: "text/event-stream" },
      cache: "no-store",
      credentials: "same-origin",
      signal: abort.signal,
    });
    if (ended && response.status === 401) {
      void response.body?.cancel();
      revoked = true;
      handlers.onRevoked();
      return 0;
    }
    if (response.ok) ended = false; // a cookie re-issued after the event: still signed in
    if (response.ok && response.body) {
      let delivered = false;
      await readServerSentEvents(response.body, (event) => {
        delivered = true;
        onEvent(event);
      }).catch(() => {}); // the connection dropped: judged by what it delivered, like an end
      if (ended) return REVOKED_RECHECK_MS;
      if (!delivered) return withJitter(backoffMs(failures++));
      failures = 0; // it worked: come back at the server's pace
      return withJitter(RECONNECT_MS);
    }
    void response.body?.cancel();
    const delay = backoffMs(failures++);
    if (response.status !== 429) return withJitter(delay);
    return withJitter(Math.max(retryAfterMs(response.headers.get("Retry-After")) ?? delay, delay));
  };

  void (async () => {
    while (!abort.signal.aborted && !revoked) {
      const delay = await connectOnce().catch(() => withJitter(backoffMs(failures++)));
      if (abort.signal.aborted || revoked) return;
      await sleep(delay, abort.signal);
    }
  })();

  return () => abort.abort();
}
