import "server-only";
// The body of GET /api/me/events: a Server-Sent Events stream that tells one
// signed-in browser tab when its permissions change. It wakes up when this
// instance's change listener announces the user (whichever instance or
// script made the change), when a time-bound grant ends, and on a heartbeat;
// each time it runs the same freshness check as every request. A revoked or
// disabled session gets a "revoked" event and the stream ends.
import { type AuthToken, checkSessionFreshness, permissionsUpdatedAtOf, sameClaims } from "@/lib/auth";
import { changeHub } from "@/lib/live/change-hub";

const HEARTBEAT_MS = 15_000;
const RECONNECT_HINT_MS = 2_000;

/**
 * "permissions" carries the permission stamp; `changed` is true when the claims changed
 * since the stream's last event, which includes a grant that just ended (the
 * permission stamp stays the same then: nothing was written).
 */
export type PermissionEvent =
  | { event: "permissions"; data: { permissionsUpdatedAt: number; changed: boolean } }
  | { event: "revoked"; data: { reason: string } };

export function formatEvent({ event, data }: PermissionEvent): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

export function permissionStream(initial: AuthToken, signal: AbortSignal): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let token = initial;
  let closed = false;
  let checking: Promise<void> | null = null;
  let recheck = false;
  let heartbeat: NodeJS.Timeout | undefined;
  let grantEnd: NodeJS.Timeout | undefined;
  let unsubscribe = () => {};
  const stopTimers = () => {
    clearInterval(heartbeat);
    clearTimeout(grantEnd);
  };

  return new ReadableStream<Uint8Array>({
    start(controller) {
      const write = (text: string) => {
        if (!closed) controller.enqueue(encoder.encode(text));
      };
      const close = () => {
        if (closed) return;
        closed = true;
        unsubscribe();
        stopTimers();
        controller.close();
      };

      const check = async (): Promise<void> => {
        const fresh = await checkSessionFreshness(token).catch(() => null); // database down: try on the next wake-up
        if (!fresh || closed) return;
        if (fresh.kind === "refused") {
          write(formatEvent({ event: "revoked", data: { reason: fresh.reason } }));
          return close();
        }
        if (fresh.kind === "rebuilt" && !sameClaims(fresh.token, token)) {
          write(
            formatEvent({
              event: "permissions",
              data: { permissionsUpdatedAt: permissionsUpdatedAtOf(fresh.token), changed: true },
            }),
          );
        }
        token = fresh.token;
        scheduleGrantEnd();
      };
      // Checks never overlap; a wake-up during a check runs one more check after it.
      const wake = () => {
        if (checking) return void (recheck = true);
        checking = check().finally(() => {
          checking = null;
          if (recheck && !closed) {
            recheck = false;
            wake();
          }
        });
      };
      const scheduleGrantEnd = () => {
        clearTimeout(grantEnd);
        if (token.grantExp === null) return;
        const delay = Math.max(0, token.grantExp - Date.now()) + 5;
        grantEnd = setTimeout(wake, Math.min(delay, 2 ** 31 - 1));
      };

      write(`retry: ${RECONNECT_HINT_MS}\n\n`);
      write(
        formatEvent({
          event: "permissions",
          data: { permissionsUpdatedAt: permissionsUpdatedAtOf(token), changed: false },
        }),
      );
      unsubscribe = changeHub().subscribe(token.sub, wake);
      heartbeat = setInterval(() => {
        write(": heartbeat\n\n");
        wake();
      }, HEARTBEAT_MS);
      scheduleGrantEnd();
      signal.addEventListener("abort", close, { once: true });
    },
    cancel() {
      closed = true;
      unsubscribe();
      stopTimers();
    },
  });
}
