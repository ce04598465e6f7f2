import "server-only";
// The body of GET /api/me/events: a Server-Sent Events stream that tells one
// signed-in browser when its permissions change. It wakes up when this
// instance's change listener announces the user (whichever instance or script
// made the change), when a time-bound grant ends, and on a heartbeat; each time
// it runs the same freshness check as every request. A revoked or disabled
// session gets a "revoked" event and the stream ends.
//
// Thousands of these stay open on one instance, so a stream is one small
// object: no timer of its own (one heartbeat wheel per instance), no closures
// per stream, and the fixed frames are encoded once.
import { refreshToken } from "@/lib/auth/refresh";
import type { AuthToken } from "@/lib/auth/token";
import { changeHub } from "./change-hub";
import { HeartbeatWheel } from "./heartbeat-wheel";
import type { StreamSlot } from "./stream-registry";

export const HEARTBEAT_MS = 15_000;
const RECONNECT_HINT_MS = 2_000;
/** Frames queued but not taken by the response: past this the peer is gone or stuck (a minute of heartbeats). */
const MAX_UNREAD_FRAMES = 4;

const encoder = new TextEncoder();
const HEARTBEAT = encoder.encode(": heartbeat\n\n");
const RETRY_HINT = encoder.encode(`retry: ${RECONNECT_HINT_MS}\n\n`);

/**
 * "permissions" carries the stamp; `changed` is true when the claims changed
 * since the stream's last event, which includes a grant that just ended (the
 * stamp stays the same then: nothing was written).
 */
export type PermissionEvent =
  | { event: "permissions"; data: { permissionsUpdatedAt: number; changed: boolean } }
  | { event: "revoked"; data: { reason: string } };

export function formatEvent({ event, data }: PermissionEvent): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

const holder = globalThis as typeof globalThis & { __authzHeartbeats?: HeartbeatWheel };

function heartbeats(): HeartbeatWheel {
  holder.__authzHeartbeats ??= new HeartbeatWheel(HEARTBEAT_MS);
  return holder.__authzHeartbeats;
}

/** The stream holds `slot` and gives it back however it ends: revoked, cancelled, aborted, errored or stuck. */
export function permissionStream(
  token: AuthToken,
  slot: StreamSlot,
  signal: AbortSignal,
): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>(new PermissionStreamSource(token, slot, signal));
}

type Ending = "close" | "error" | "cancelled";

class PermissionStreamSource implements UnderlyingDefaultSource<Uint8Array> {
  private controller!: ReadableStreamDefaultController<Uint8Array>;
  private ended = false;
  private checking = false;
  private recheck = false;
  private grantEnd: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private token: AuthToken,
    private readonly slot: StreamSlot,
    private readonly signal: AbortSignal,
  ) {}

  start(controller: ReadableStreamDefaultController<Uint8Array>): void {
    this.controller = controller;
    if (this.signal.aborted) return this.end("close");
    this.send(RETRY_HINT);
    this.sendEvent({
      event: "permissions",
      data: { permissionsUpdatedAt: this.token.permsAt, changed: false },
    });
    changeHub().subscribe(this.token.sub, this);
    heartbeats().add(this);
    this.scheduleGrantEnd();
    // The object itself is the listener (handleEvent): the client went away.
    this.signal.addEventListener("abort", this);
  }

  cancel(): void {
    this.end("cancelled");
  }

  handleEvent(): void {
    this.end("close");
  }

  /** The heartbeat wheel's visit: a comment line keeps proxies from timing out, and a check. */
  beat(): void {
    if ((this.controller.desiredSize ?? 0) < -MAX_UNREAD_FRAMES) return this.end("error");
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
    const fresh = await refreshToken(this.token).catch(() => null); // database down: try on the next wake-up
    if (!fresh || this.ended) return;
    if (fresh.kind === "refused") {
      this.sendEvent({ event: "revoked", data: { reason: fresh.reason } });
      return this.end("close");
    }
    if (fresh.kind === "rebuilt" && !sameClaims(fresh.token, this.token))
      this.sendEvent({
        event: "permissions",
        data: { permissionsUpdatedAt: fresh.token.permsAt, changed: true },
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
      this.controller.enqueue(bytes);
    } catch {
      this.end("cancelled"); // the stream was cancelled or errored under us
    }
  }

  /** The one way out: every ending releases the slot and every subscription, once. */
  private end(how: Ending): void {
    if (this.ended) return;
    this.ended = true;
    this.slot.release();
    changeHub().unsubscribe(this.token.sub, this);
    heartbeats().remove(this);
    clearTimeout(this.grantEnd);
    this.signal.removeEventListener("abort", this);
    try {
      if (how === "close") this.controller.close();
      if (how === "error") this.controller.error(new Error("the client stopped reading the event stream"));
    } catch {
      // Already closed or errored: nothing more to end.
    }
  }
}

function sameClaims(a: AuthToken, b: AuthToken): boolean {
  return a.permsAt === b.permsAt && a.perms === b.perms && a.roles.join("\n") === b.roles.join("\n");
}
