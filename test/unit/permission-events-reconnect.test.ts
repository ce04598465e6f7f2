// lib/client/permission-events.ts, when to ask again: with jitter off
// (Math.random() = 0) and time faked, the exact moment of every request. A
// stream that delivered brings the next request at the server's pace and
// starts the backoff over; one that delivered nothing, a refusal, an answer
// without a body or a network error waits longer each time; a 429 waits at
// least its Retry-After and never less than the backoff; a dropped connection
// is judged by what it delivered. Only a 401 after a "revoked" event means
// signed out. (test/unit/permission-events.test.ts covers the events, the
// 429 ceiling and the revoked recheck; this file covers the rest.)
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { EVENTS_URL, REVOKED_RECHECK_MS, subscribePermissionEvents } from "@/lib/client/permission-events";
import { RECONNECT_MS } from "@/lib/client/reconnect-delay";

const encoder = new TextEncoder();

type Answer = () => Response | Promise<Response>;

/** A 200 event stream carrying `text`, then ended (or broken once `text` has been read). */
const stream =
  (text: string, how: "end" | "break" = "end"): Answer =>
  () => {
    let pending = text !== "";
    return new Response(
      new ReadableStream<Uint8Array>({
        pull(controller) {
          if (pending) {
            pending = false;
            return controller.enqueue(encoder.encode(text));
          }
          if (how === "end") controller.close();
          else controller.error(new TypeError("network error"));
        },
      }),
    );
  };
const status =
  (code: number, headers: Record<string, string> = {}): Answer =>
  () =>
    new Response(code === 204 ? null : "{}", { status: code, headers });
const offline: Answer = () => Promise.reject(new TypeError("Failed to fetch"));
const PERMISSIONS = 'event: permissions\ndata: {"permissionsUpdatedAt":5,"changed":false}\n\n';
const REVOKED = 'event: revoked\ndata: {"reason":"session was revoked"}\n\n';

let fetchMock: ReturnType<typeof vi.fn<typeof fetch>>;
/** When each request was made (ms since the start). */
let requestedAt: number[];
const handlers = { onPermissions: vi.fn(), onRevoked: vi.fn() };

/** Answers the requests in turn with `answers`; later ones are left hanging. */
function answer(...answers: Answer[]) {
  fetchMock.mockImplementation(async () => {
    requestedAt.push(Date.now());
    const next = answers.shift();
    return next ? next() : new Promise<Response>(() => {});
  });
}

let stop: () => void = () => {};

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
  vi.spyOn(Math, "random").mockReturnValue(0); // no jitter: waits are exact
  fetchMock = vi.fn<typeof fetch>();
  requestedAt = [];
  vi.stubGlobal("fetch", fetchMock);
});
afterEach(() => {
  stop();
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  vi.clearAllMocks();
});

describe("the request", () => {
  it("asks GET /api/me/events for an event stream, uncached, with the cookie, abortable", async () => {
    answer();
    stop = subscribePermissionEvents(handlers);
    await vi.advanceTimersByTimeAsync(0);
    expect(fetchMock).toHaveBeenCalledWith(EVENTS_URL, {
      headers: { Accept: "text/event-stream" },
      cache: "no-store",
      credentials: "same-origin",
      signal: expect.any(AbortSignal),
    });
  });

  it("stopping aborts the request in flight, and nothing more is asked", async () => {
    answer();
    stop = subscribePermissionEvents(handlers);
    await vi.advanceTimersByTimeAsync(0);
    stop();
    expect(fetchMock.mock.calls[0]![1]!.signal!.aborted).toBe(true);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });
});

describe("when to ask again", () => {
  it("a stream that ends having delivered nothing is a failure: 1 s, then 2 s, then 5 s", async () => {
    answer(stream(""), stream(""), stream(""), stream(""));
    stop = subscribePermissionEvents(handlers);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(requestedAt).toEqual([0, 1_000, 3_000, 8_000]);
  });

  it("a stream that delivered brings the next request at the server's pace, and starts the backoff over", async () => {
    answer(status(503), status(503), stream(PERMISSIONS), status(503), status(503));
    stop = subscribePermissionEvents(handlers);
    await vi.advanceTimersByTimeAsync(10_000);
    // 503: 1 s; 503: 2 s; stream: RECONNECT_MS; 503: 1 s again (not 5 s); 503: 2 s
    expect(requestedAt).toEqual([0, 1_000, 3_000, 3_000 + RECONNECT_MS, 6_000, 8_000]);
    expect(handlers.onPermissions).toHaveBeenCalledWith(5, false);
  });

  it("a network error waits the backoff, growing", async () => {
    answer(offline, offline, offline);
    stop = subscribePermissionEvents(handlers);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(requestedAt).toEqual([0, 1_000, 3_000]);
  });

  it("an OK answer without a body waits the backoff, growing", async () => {
    answer(status(204), status(204), status(204));
    stop = subscribePermissionEvents(handlers);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(requestedAt).toEqual([0, 1_000, 3_000]);
  });

  it("a 429 waits its Retry-After when longer than the backoff, and the backoff when shorter", async () => {
    answer(
      status(429, { "Retry-After": "4" }),
      status(503),
      status(503),
      status(429, { "Retry-After": "1" }),
    );
    stop = subscribePermissionEvents(handlers);
    await vi.advanceTimersByTimeAsync(30_000);
    // 429 (4 s > 1 s): 4 s; 503: 2 s; 503: 5 s; 429 (1 s < 10 s): 10 s
    expect(requestedAt).toEqual([0, 4_000, 6_000, 11_000, 21_000]);
  });

  it("a 429 without Retry-After waits the backoff", async () => {
    answer(status(429), status(429));
    stop = subscribePermissionEvents(handlers);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(requestedAt).toEqual([0, 1_000]);
  });

  it("a connection dropped after delivering is judged like a stream that ended: the server's pace", async () => {
    answer(stream(PERMISSIONS, "break"));
    stop = subscribePermissionEvents(handlers);
    await vi.advanceTimersByTimeAsync(RECONNECT_MS - 1);
    expect(requestedAt).toEqual([0]);
    await vi.advanceTimersByTimeAsync(1);
    expect(requestedAt).toEqual([0, RECONNECT_MS]);
  });

  it("a connection dropped before delivering anything is a failure: the backoff", async () => {
    answer(stream("", "break"), stream("", "break"));
    stop = subscribePermissionEvents(handlers);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(requestedAt).toEqual([0, 1_000]);
  });

  it("the body of a refused answer is cancelled, not left open", async () => {
    const cancel = vi.fn();
    answer(() => new Response(new ReadableStream({ cancel }), { status: 503 }));
    stop = subscribePermissionEvents(handlers);
    await vi.advanceTimersByTimeAsync(0);
    expect(cancel).toHaveBeenCalledTimes(1);
  });
});

describe("signed out", () => {
  it("a 401 without a 'revoked' before it is a refusal like any other: no sign-out, asked again later", async () => {
    answer(status(401), status(401));
    stop = subscribePermissionEvents(handlers);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(handlers.onRevoked).not.toHaveBeenCalled();
    expect(requestedAt).toEqual([0, 1_000]);
  });

  it("after 'revoked', an answer that is neither 200 nor 401 settles nothing: the next 401 still signs out", async () => {
    answer(stream(REVOKED), status(503), status(401));
    stop = subscribePermissionEvents(handlers);
    await vi.advanceTimersByTimeAsync(REVOKED_RECHECK_MS + 1_000);
    expect(requestedAt).toEqual([0, REVOKED_RECHECK_MS, REVOKED_RECHECK_MS + 1_000]);
    expect(handlers.onRevoked).toHaveBeenCalledTimes(1);
  });

  it("signed out, the 401's body is cancelled and nothing more is asked", async () => {
    const cancel = vi.fn();
    answer(stream(REVOKED), () => new Response(new ReadableStream({ cancel }), { status: 401 }));
    stop = subscribePermissionEvents(handlers);
    await vi.advanceTimersByTimeAsync(REVOKED_RECHECK_MS + 120_000);
    expect(cancel).toHaveBeenCalledTimes(1);
    expect(requestedAt).toEqual([0, REVOKED_RECHECK_MS]);
  });
});
