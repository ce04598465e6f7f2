// One event stream with its connection faked (a sink that records frames and
// says whether the peer is keeping up), time faked: heartbeats, and the end of
// a stream whose peer stopped reading. Then the Node sink on a real socket.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { AuthToken } from "@/lib/auth/token";

const refresh = vi.hoisted(() => vi.fn<(token: unknown) => Promise<unknown>>());
vi.mock("@/lib/auth/fresh-session", () => ({ checkSessionFreshness: refresh }));

const { HEARTBEAT_MS, PermissionStream, heartbeatSlot } = await import("@/lib/push/permission-stream");
const { NodeResponseSink } = await import("@/lib/push/node-response-sink");
const { StreamRegistry } = await import("@/lib/push/stream-registry");
const { changeHub } = await import("@/lib/live/change-hub");

const token: AuthToken = {
  sub: "u1",
  authAt: 1,
  roles: [],
  perms: "",
  cat: "c",
  permsAt: 1000,
  grantExp: null,
};

class FakeSink {
  frames: string[] = [];
  peerReading = true;
  ended: "close" | "error" | null = null;
  write(bytes: Uint8Array) {
    this.frames.push(new TextDecoder().decode(bytes));
  }
  stalled() {
    return !this.peerReading;
  }
  end(how: "close" | "error") {
    this.ended = how;
  }
}

function openStream() {
  const registry = new StreamRegistry(() => ({ perUser: 5, perInstance: 5 }));
  const slot = registry.acquire("u1");
  if ("refused" in slot) throw new Error("refused");
  const sink = new FakeSink();
  const stream = new PermissionStream(token, slot, sink);
  stream.start();
  return { registry, sink, stream };
}

const heartbeats = (sink: FakeSink) => sink.frames.filter((f) => f.startsWith(": heartbeat")).length;

beforeEach(() => {
  vi.useFakeTimers();
  heartbeatSlot.set(undefined);
  refresh.mockImplementation(async (t) => ({ kind: "current", token: t }));
});

afterEach(() => {
  vi.useRealTimers();
  vi.clearAllMocks();
});

describe("an event stream", () => {
  it("beats once a period while its peer reads, and checks the session each time", async () => {
    const { sink, stream, registry } = openStream();
    await vi.advanceTimersByTimeAsync(3 * HEARTBEAT_MS);
    expect(heartbeats(sink)).toBe(3);
    expect(refresh).toHaveBeenCalledTimes(3);
    expect(registry.open).toBe(1);
    stream.stop();
    expect(registry.open).toBe(0);
    expect(sink.ended).toBeNull(); // stopped: the connection is gone, nothing to end
  });

  it("ends (as an error) when its peer has taken nothing for more than four heartbeats, and gives its slot back", async () => {
    const { sink, registry } = openStream();
    sink.peerReading = false;
    await vi.advanceTimersByTimeAsync(4 * HEARTBEAT_MS);
    expect(registry.open).toBe(1); // four stalled heartbeats are still tolerated
    expect(sink.ended).toBeNull();
    await vi.advanceTimersByTimeAsync(HEARTBEAT_MS);
    expect(sink.ended).toBe("error");
    expect(registry.open).toBe(0);
    expect(changeHub().users).toBe(0);
  });

  it("forgives a peer that catches up", async () => {
    const { sink, registry, stream } = openStream();
    sink.peerReading = false;
    await vi.advanceTimersByTimeAsync(4 * HEARTBEAT_MS);
    sink.peerReading = true;
    await vi.advanceTimersByTimeAsync(HEARTBEAT_MS);
    sink.peerReading = false;
    await vi.advanceTimersByTimeAsync(4 * HEARTBEAT_MS);
    expect(registry.open).toBe(1);
    stream.stop();
  });

  it("stops quietly when writing fails (the connection went away under it)", async () => {
    const { sink, registry } = openStream();
    sink.write = () => {
      throw new Error("socket closed");
    };
    await vi.advanceTimersByTimeAsync(HEARTBEAT_MS);
    expect(registry.open).toBe(0);
    expect(sink.ended).toBeNull();
  });
});

describe("an event stream's checks", () => {
  it("a wake-up during a check runs one more check after it, however many came", async () => {
    const { stream } = openStream();
    let finish = () => {};
    refresh.mockImplementationOnce(
      (t) => new Promise((resolve) => (finish = () => resolve({ kind: "current", token: t }))),
    );
    stream.wake();
    stream.wake();
    stream.wake();
    expect(refresh).toHaveBeenCalledTimes(1);
    finish();
    await vi.advanceTimersByTimeAsync(0);
    expect(refresh).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(0);
    expect(refresh).toHaveBeenCalledTimes(2);
    stream.stop();
  });

  // Heartbeats check too; these count the checks the heartbeats do not explain.
  const grantChecks = (sink: FakeSink) => refresh.mock.calls.length - heartbeats(sink);

  it("a time-bound grant: checks again just after it ends, without waiting for a heartbeat", async () => {
    const timeBound = { ...token, grantExp: Date.now() + 10_000 };
    refresh.mockImplementation(async () => ({ kind: "current", token: timeBound }));
    const { stream, sink } = openStream();
    try {
      stream.wake(); // the stream learns of the grant from its first check
      await vi.advanceTimersByTimeAsync(0);
      expect(grantChecks(sink)).toBe(1);
      await vi.advanceTimersByTimeAsync(10_000);
      expect(grantChecks(sink)).toBe(1);
      refresh.mockImplementation(async () => ({ kind: "current", token })); // the grant has ended
      await vi.advanceTimersByTimeAsync(5);
      expect(grantChecks(sink)).toBe(2);
      await vi.advanceTimersByTimeAsync(2 * HEARTBEAT_MS);
      expect(grantChecks(sink), "no grant left: nothing more is scheduled").toBe(2);
    } finally {
      stream.stop();
    }
  });

  it("a grant already past is checked at once; one beyond a timer's range does not fire early", async () => {
    const past = { ...token, grantExp: Date.now() - 1_000 };
    refresh.mockImplementationOnce(async () => ({ kind: "current", token: past }));
    const first = openStream();
    try {
      first.stream.wake();
      await vi.advanceTimersByTimeAsync(5);
      expect(grantChecks(first.sink)).toBe(2);
    } finally {
      first.stream.stop();
    }

    refresh.mockClear();
    const far = { ...token, grantExp: Date.now() + 30 * 24 * 3600_000 };
    refresh.mockImplementation(async () => ({ kind: "current", token: far }));
    const second = openStream();
    try {
      second.stream.wake();
      await vi.advanceTimersByTimeAsync(2 * HEARTBEAT_MS);
      // A 30-day delay overflows a timer (it would fire at once, then again and again): it is capped.
      expect(grantChecks(second.sink)).toBe(1);
    } finally {
      second.stream.stop();
    }
  });
});

describe("an event stream whose first write fails", () => {
  it("holds nothing: no slot, no subscription, no heartbeat", () => {
    const registry = new StreamRegistry(() => ({ perUser: 5, perInstance: 5 }));
    const slot = registry.acquire("u1");
    if ("refused" in slot) throw new Error("refused");
    const sink = new FakeSink();
    sink.write = () => {
      throw new Error("socket closed");
    };
    new PermissionStream(token, slot, sink).start();
    expect(registry.open).toBe(0);
    expect(changeHub().users).toBe(0);
    const wheel = heartbeatSlot.get();
    expect(wheel?.members ?? 0).toBe(0);
  });
});

describe("the Node response sink", () => {
  it("is stalled only while the peer does not take what was written", async () => {
    vi.useRealTimers();
    let sink!: InstanceType<typeof NodeResponseSink>;
    let res!: http.ServerResponse;
    const server = http.createServer((_req, response) => {
      res = response;
      sink = new NodeResponseSink(response);
      response.writeHead(200, { "Content-Type": "text/event-stream" });
      sink.write(new TextEncoder().encode(": first\n\n"));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const client = http.get(`http://127.0.0.1:${port}/`, { agent: false });
    const response = await new Promise<http.IncomingMessage>((resolve) => client.on("response", resolve));
    await new Promise((resolve) => response.once("data", resolve));
    expect(sink.stalled()).toBe(false);

    response.pause(); // the peer stops reading: the kernel's buffers fill, then Node's
    const chunk = new Uint8Array(256 * 1024);
    for (let i = 0; i < 1024 && !sink.stalled(); i++) {
      sink.write(chunk);
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(sink.stalled()).toBe(true);

    sink.end("error");
    await vi.waitFor(() => expect(res.destroyed).toBe(true));
    client.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
});
