// The browser's event stream client, with fetch stubbed and time faked: it
// never retries hot, and a 429's Retry-After is honoured.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { REVOKED_RECHECK_MS, subscribePermissionEvents } from "@/lib/client/permission-events";
import { backoffMs, retryAfterMs, withJitter } from "@/lib/client/reconnect-delay";
import { EventParser, type ServerSentEvent } from "@/lib/client/sse-reader";

const encoder = new TextEncoder();

/** A 200 event stream the test writes to and ends. */
function liveStream() {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) });
  return {
    response: new Response(body, { headers: { "content-type": "text/event-stream" } }),
    send: (text: string) => controller.enqueue(encoder.encode(text)),
    end: () => controller.close(),
  };
}

const refused = (status: number, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify({ error: "no" }), { status, headers });

let fetchMock: ReturnType<typeof vi.fn>;
const handlers = { onPermissions: vi.fn(), onRevoked: vi.fn() };

beforeEach(() => {
  vi.useFakeTimers();
  fetchMock = vi.fn();
  vi.stubGlobal("fetch", fetchMock);
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.clearAllMocks();
});

describe("event stream client", () => {
  it("waits out a 429's Retry-After (with jitter), never sooner", async () => {
    fetchMock.mockResolvedValue(refused(429, { "Retry-After": "30" }));
    const stop = subscribePermissionEvents(handlers);
    await vi.advanceTimersByTimeAsync(29_900);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(15_200); // 30 s × 1.5 at most
    expect(fetchMock).toHaveBeenCalledTimes(2);
    stop();
  });

  it("backs off further and further on errors, never hot", async () => {
    fetchMock.mockResolvedValue(refused(503));
    const stop = subscribePermissionEvents(handlers);
    await vi.advanceTimersByTimeAsync(60_000);
    // 1 + 2 + 5 + 10 + 30 s at least between the first six attempts: at most six in a minute.
    expect(fetchMock.mock.calls.length).toBeGreaterThanOrEqual(4);
    expect(fetchMock.mock.calls.length).toBeLessThanOrEqual(6);
    stop();
    const calls = fetchMock.mock.calls.length;
    await vi.advanceTimersByTimeAsync(120_000);
    expect(fetchMock).toHaveBeenCalledTimes(calls); // stopped means stopped
  });

  it("hands the stream's events over, and reconnects at the server's pace after a stream ends", async () => {
    const first = liveStream();
    const second = liveStream();
    fetchMock.mockResolvedValueOnce(first.response).mockResolvedValueOnce(second.response);
    const stop = subscribePermissionEvents(handlers);
    await vi.advanceTimersByTimeAsync(0);
    first.send('retry: 2000\n\nevent: permissions\ndata: {"permissionsUpdatedAt":5,"changed":false}\n\n');
    first.send(': heartbeat\n\nevent: permissions\ndata: {"permissionsUpdatedAt":6,');
    first.send('"changed":true}\n\n');
    await vi.advanceTimersByTimeAsync(0);
    expect(handlers.onPermissions.mock.calls).toEqual([
      [5, false],
      [6, true],
    ]);
    first.end();
    await vi.advanceTimersByTimeAsync(1_900);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1_200);
    expect(fetchMock).toHaveBeenCalledTimes(2);
    stop();
  });

  it("after 'revoked', asks once more a second later; refused (401), it reports the end and stops for good", async () => {
    const stream = liveStream();
    fetchMock.mockResolvedValueOnce(stream.response).mockResolvedValue(refused(401));
    subscribePermissionEvents(handlers);
    await vi.advanceTimersByTimeAsync(0);
    stream.send('event: revoked\ndata: {"reason":"user is disabled"}\n\n');
    stream.end();
    await vi.advanceTimersByTimeAsync(REVOKED_RECHECK_MS - 100);
    expect(handlers.onRevoked).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(200);
    expect(handlers.onRevoked).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(handlers.onRevoked).toHaveBeenCalledTimes(1);
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });

  it("after 'revoked', a stream answered to the cookie the browser holds now (a password change re-issued it) goes on", async () => {
    const [first, second] = [liveStream(), liveStream()];
    fetchMock.mockResolvedValueOnce(first.response).mockResolvedValueOnce(second.response);
    const stop = subscribePermissionEvents(handlers);
    await vi.advanceTimersByTimeAsync(0);
    first.send('event: revoked\ndata: {"reason":"session was revoked"}\n\n');
    first.end();
    await vi.advanceTimersByTimeAsync(REVOKED_RECHECK_MS + 100);
    expect(fetchMock).toHaveBeenCalledTimes(2);
    second.send('event: permissions\ndata: {"permissionsUpdatedAt":7,"changed":false}\n\n');
    await vi.advanceTimersByTimeAsync(0);
    expect(handlers.onPermissions).toHaveBeenCalledWith(7, false);
    expect(handlers.onRevoked).not.toHaveBeenCalled();
    stop();
  });
});

describe("event stream client, after 'revoked'", () => {
  it("only a 'permissions' event reaches onPermissions; 'revoked' and unknown events do not", async () => {
    const stream = liveStream();
    fetchMock.mockResolvedValueOnce(stream.response).mockResolvedValue(refused(401));
    const stop = subscribePermissionEvents(handlers);
    await vi.advanceTimersByTimeAsync(0);
    stream.send('event: hello\ndata: {"permissionsUpdatedAt":1,"changed":true}\n\n');
    stream.send('event: revoked\ndata: {"reason":"user is disabled"}\n\n');
    await vi.advanceTimersByTimeAsync(0);
    expect(handlers.onPermissions).not.toHaveBeenCalled();
    stop();
  });

  it("a 401 without a body still reports the end", async () => {
    const stream = liveStream();
    fetchMock.mockResolvedValueOnce(stream.response).mockResolvedValue(new Response(null, { status: 401 }));
    subscribePermissionEvents(handlers);
    await vi.advanceTimersByTimeAsync(0);
    stream.send('event: revoked\ndata: {"reason":"user is disabled"}\n\n');
    stream.end();
    await vi.advanceTimersByTimeAsync(REVOKED_RECHECK_MS + 100);
    expect(handlers.onRevoked).toHaveBeenCalledTimes(1);
  });

  it("a stream that answers after it clears the end: a later 401 is an ordinary refusal, retried, not a revocation", async () => {
    const [first, second] = [liveStream(), liveStream()];
    fetchMock
      .mockResolvedValueOnce(first.response)
      .mockResolvedValueOnce(second.response)
      .mockResolvedValue(refused(401));
    const stop = subscribePermissionEvents(handlers);
    await vi.advanceTimersByTimeAsync(0);
    first.send('event: revoked\ndata: {"reason":"session was revoked"}\n\n');
    first.end();
    await vi.advanceTimersByTimeAsync(REVOKED_RECHECK_MS + 100);
    second.send('event: permissions\ndata: {"permissionsUpdatedAt":7,"changed":false}\n\n');
    second.end();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(handlers.onRevoked).not.toHaveBeenCalled();
    expect(fetchMock.mock.calls.length).toBeGreaterThan(3);
    stop();
  });

  it("a 429 without a body still waits out its Retry-After", async () => {
    fetchMock.mockResolvedValue(new Response(null, { status: 429, headers: { "Retry-After": "30" } }));
    const stop = subscribePermissionEvents(handlers);
    await vi.advanceTimersByTimeAsync(29_900);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    stop();
  });
});

describe("reconnect delays", () => {
  it("reads Retry-After as seconds or a date, bounded", () => {
    expect(retryAfterMs("30")).toBe(30_000);
    expect(retryAfterMs(new Date(2_000_000 + 20_000).toUTCString(), 2_000_000)).toBe(20_000);
    expect(retryAfterMs("0")).toBe(1_000);
    expect(retryAfterMs("999999")).toBe(600_000);
    expect(retryAfterMs(null)).toBeNull();
    expect(retryAfterMs("soon")).toBeNull();
  });

  it("grows the backoff up to a ceiling, and jitter only lengthens it", () => {
    expect([0, 1, 2, 3, 4, 9].map(backoffMs)).toEqual([1_000, 2_000, 5_000, 10_000, 30_000, 30_000]);
    expect(withJitter(1_000, () => 0)).toBe(1_000);
    expect(withJitter(1_000, () => 0.999)).toBe(1_500);
  });
});

describe("event parser", () => {
  it("splits events across chunks and line endings, skips comments, joins data lines", () => {
    const events: ServerSentEvent[] = [];
    const parser = new EventParser((e) => events.push(e));
    parser.push(": heartbeat\r\n\r\nevent: permis");
    parser.push("sions\ndata: a\ndata:b\n\ndata: plain\n");
    expect(events).toEqual([{ event: "permissions", data: "a\nb" }]);
    parser.push("\n");
    expect(events.at(-1)).toEqual({ event: "message", data: "plain" });
  });
});
