// lib/push/node-response-sink.ts: a stream's frames go straight to Node's
// response; "close" ends the response normally (the client reconnects at the
// server's pace), "error" destroys it (the peer stopped reading); the sink is
// stalled exactly while some written byte is still waiting in the response.
// (test/unit/permission-stream.test.ts proves stalled() and end("error") on a
// real socket; this file pins each call with a stand-in response.)
import type { ServerResponse } from "node:http";
import { describe, expect, it, vi } from "vitest";
import { NodeResponseSink } from "@/lib/push/node-response-sink";

function response(writableLength = 0) {
  const res = { write: vi.fn(() => true), end: vi.fn(), destroy: vi.fn(), writableLength };
  return { res, sink: new NodeResponseSink(res as unknown as ServerResponse) };
}

describe("NodeResponseSink", () => {
  it("writes the frame's bytes to the response as they are", () => {
    const { res, sink } = response();
    const frame = new TextEncoder().encode(": heartbeat\n\n");
    sink.write(frame);
    expect(res.write.mock.calls).toEqual([[frame]]);
  });

  it("is stalled while even one byte waits, and not when none does", () => {
    expect(response(0).sink.stalled()).toBe(false);
    expect(response(1).sink.stalled()).toBe(true);
    expect(response(64 * 1024).sink.stalled()).toBe(true);
  });

  it('"close" ends the response normally, without destroying it', () => {
    const { res, sink } = response();
    sink.end("close");
    expect(res.end).toHaveBeenCalledTimes(1);
    expect(res.destroy).not.toHaveBeenCalled();
  });

  it('"error" destroys the response, without ending it normally', () => {
    const { res, sink } = response();
    sink.end("error");
    expect(res.destroy).toHaveBeenCalledTimes(1);
    expect(res.end).not.toHaveBeenCalled();
  });
});
