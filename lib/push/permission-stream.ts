// Server code without `import "server-only"`, which throws in the Pages Router
// route pages/api/me/events.ts that uses it; the import rules
// (eslint.layers.mjs) keep it out of client code instead.
// The body of GET /api/me/events: a Server-Sent Events stream that tells one
// signed-in browser when its permissions change. It wakes up when this
// instance's change listener announces the user (whichever instance or script
// made the change), when a time-bound grant ends, and on a heartbeat; each time
// it runs the same freshness check as every request. A revoked or disabled
// session gets a "revoked" event and the stream ends. A stream opened with a
// bearer access token ends when that token expires, with an "expired" event:
// the client refreshes its tokens and opens another.
//
// Thousands of these stay open on one instance, so a stream is one small
// object: no timer of its own (one heartbeat wheel per instance), no closures
// of its own, and the fixed frames are encoded once. It writes to a sink (the
// Node response: node-response-sink.ts), never to a framework's stream.
import { checkSessionFreshness } from "@/lib/auth/fresh-session";
import { type AuthToken, permissionsUpdatedAtOf, sameClaims } from "@/lib/auth/token";
import { changeHub } from "@/lib/live";
import { HeartbeatWheel } from "./heartbeat-wheel";
import type { StreamSlot } from "./stream-registry";
import { onePerProcess, processSlot } from "@/lib/process-state";

export const HEARTBEAT_MS = 15_000;
const RECONNECT_HINT_MS = 2_000;
/** Heartbeats in a row that the connection could not take: past this the peer is gone or stuck (a minute). */
const MAX_STALLED_BEATS = 4;

const encoder = new TextEncoder();
const HEARTBEAT = encoder.encode(": heartbeat\n\n");
const RETRY_HINT = encoder.encode(`retry: ${RECONNECT_HINT_MS}\n\n`);

/** Where a stream's frames go; the stream never touches the connection otherwise. */
export type EventSink = {
  write(bytes: Uint8Array): void;
  /** True while something written earlier is still waiting for the peer to take it. */
  stalled(): boolean;
  /** Ends the response normally ("close") or abruptly ("error": the peer stopped reading). */
  end(how: "close" | "error"): void;
};

/**
 * "permissions" carries the permission stamp; `changed` is true when the claims changed
 * since the stream's last event, which includes a grant that just ended (the
 * permission stamp stays the same then: nothing was written).
 */
export type PermissionEvent =
  | { event: "permissions"; data: { permissionsUpdatedAt: number; changed: boolean } }
  | { event: "revoked"; data: { reason: string } }
  | { event: "expired"; data: { reason: "token_expired" } };

export function formatEvent({ event, data }: PermissionEvent): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** The instance's one wheel for every open stream (lib/process-state.ts). */
export const heartbeatSlot = processSlot<HeartbeatWheel>("heartbeats");

function heartbeats(): HeartbeatWheel {
  return onePerProcess(heartbeatSlot, () => new HeartbeatWheel(HEARTBEAT_MS));
}

/**
 * One open stream. It holds `slot` and gives it back however it ends: revoked,
 * stopped (the client went away), or stuck. `start` sends the first frames.
 */
export class PermissionStream {
  private ended = false;
  private checking = false;
  private recheck = false;
  private stalledBeats = 0;
  private grantEnd: ReturnType<typeof setTimeout> | undefined;
  private expiry: ReturnType<typeof setTimeout> | undefined;

  /** endsAt (ms): when the access token the stream was opened with expires; null for a cookie session. */
  constructor(
    private token: AuthToken,
    private readonly slot: StreamSlot,
    private readonly sink: EventSink,
    private readonly endsAt: number | null = null,
  ) {}

  start(): void {
    if (this.ended) return;
    this.send(RETRY_HINT);
    this.sendEvent({
      event: "permissions",
      data: { permissionsUpdatedAt: permissionsUpdatedAtOf(this.token), changed: false },
    });
    if (this.ended) return; // the connection failed at once: nothing to subscribe
    changeHub().subscribe(this.token.sub, this);
    heartbeats().add(this);
    this.scheduleGrantEnd();
    if (this.endsAt !== null) {
      const delay = Math.min(Math.max(0, this.endsAt - Date.now()), 2 ** 31 - 1);
      this.expiry = setTimeout(() => this.expire(), delay);
    }
  }

  /** The access token behind the stream has expired: say so, and end. */
  private expire(): void {
    this.sendEvent({ event: "expired", data: { reason: "token_expired" } });
    this.finish("close");
  }

  /** The connection is gone (or the response was cancelled): release everything, write nothing more. */
  stop(): void {
    this.finish(null);
  }

  /** The heartbeat wheel's visit: a comment line keeps proxies from timing out, and a check. */
  beat(): void {
    this.stalledBeats = this.sink.stalled() ? this.stalledBeats + 1 : 0;
    if (this.stalledBeats > MAX_STALLED_BEATS) return this.finish("error");
    this.send(HEARTBEAT);
    this.wake();
  }

  /** Checks never overlap; a wake-up during a check runs one more check after it. */
  wake(): void {
    if (this.ended) return;
    if (this.checking) {
      this.recheck = true;
      return;
    }
    this.checking = true;
    void this.check().finally(() => {
      this.checking = false;
      if (this.recheck && !this.ended) {
        this.recheck = false;
        this.wake();
      }
    });
  }

  private async check(): Promise<void> {
    const fresh = await checkSessionFreshness(this.token).catch(() => null); // database down: try on the next wake-up
    if (!fresh || this.ended) return;
    if (fresh.kind === "refused") {
      this.sendEvent({ event: "revoked", data: { reason: fresh.reason } });
      return this.finish("close");
    }
    if (fresh.kind === "rebuilt" && !sameClaims(fresh.token, this.token))
      this.sendEvent({
        event: "permissions",
        data: { permissionsUpdatedAt: permissionsUpdatedAtOf(fresh.token), changed: true },
      });
    this.token = fresh.token;
    this.scheduleGrantEnd();
  }

  private scheduleGrantEnd(): void {
    clearTimeout(this.grantEnd);
    if (this.token.grantExp === null || this.ended) return;
    const delay = Math.max(0, this.token.grantExp - Date.now()) + 5;
    this.grantEnd = setTimeout(() => this.wake(), Math.min(delay, 2 ** 31 - 1));
  }

  private sendEvent(event: PermissionEvent): void {
    this.send(encoder.encode(formatEvent(event)));
  }

  private send(bytes: Uint8Array): void {
    if (this.ended) return;
    try {
      this.sink.write(bytes);
    } catch {
      this.finish(null); // the connection went away under us
    }
  }

  /** The one way out: every ending releases the slot and every subscription, once. */
  private finish(how: "close" | "error" | null): void {
    if (this.ended) return;
    this.ended = true;
    this.slot.release();
    changeHub().unsubscribe(this.token.sub, this);
    heartbeats().remove(this);
    clearTimeout(this.grantEnd);
    clearTimeout(this.expiry);
    if (how === null) return;
    try {
      this.sink.end(how);
    } catch {
      // Already closed: nothing more to end.
    }
  }
}
