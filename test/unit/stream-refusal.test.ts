// lib/push/stream-refusal.ts: what a client refused past a stream cap gets:
// 429, a Retry-After in seconds from the refusal, never cached, and a JSON
// error that says which cap it hit (the user's own, or the server's) and what
// to do. The refusals come from the real registry (lib/push/stream-registry.ts).
// (test/integration/token-event-stream.test.ts sees the per-user answer
// through the route; this file covers both caps and the headers.)
import { describe, expect, it } from "vitest";
import {
  TOO_MANY_STREAMS_FOR_USER,
  TOO_MANY_STREAMS_ON_SERVER,
  tooManyStreams,
} from "@/lib/push/stream-refusal";
import { RETRY_AFTER_SECONDS, StreamRegistry, type StreamRefusal } from "@/lib/push/stream-registry";

/** The refusal of a second stream when the cap that `full` names allows one. */
function refusal(full: "user" | "instance"): StreamRefusal {
  const registry = new StreamRegistry(() => ({ perUser: 1, perInstance: 1 }));
  registry.acquire("u1");
  const answer = registry.acquire(full === "user" ? "u1" : "u2");
  if (!("refused" in answer)) throw new Error("not refused");
  return answer;
}

describe("tooManyStreams", () => {
  it("past the user's own cap: 429, wait for one of their tabs to close, and the user's message", () => {
    expect(tooManyStreams(refusal("user"))).toEqual({
      status: 429,
      headers: { "Retry-After": String(RETRY_AFTER_SECONDS.user), "Cache-Control": "no-store" },
      body: { error: TOO_MANY_STREAMS_FOR_USER, limit: "user" },
    });
  });

  it("past the server's cap: 429, a shorter wait, and the server's message", () => {
    expect(tooManyStreams(refusal("instance"))).toEqual({
      status: 429,
      headers: { "Retry-After": String(RETRY_AFTER_SECONDS.instance), "Cache-Control": "no-store" },
      body: { error: TOO_MANY_STREAMS_ON_SERVER, limit: "instance" },
    });
  });

  it("Retry-After is the refusal's own number of seconds, as an integer string", () => {
    const { headers } = tooManyStreams({ refused: "user", retryAfterSeconds: 7 });
    expect(headers["Retry-After"]).toBe("7");
  });

  it("the two messages differ, and each says what to do", () => {
    expect(TOO_MANY_STREAMS_FOR_USER).not.toBe(TOO_MANY_STREAMS_ON_SERVER);
    expect(TOO_MANY_STREAMS_FOR_USER).toMatch(/Close some/);
    expect(TOO_MANY_STREAMS_ON_SERVER).toMatch(/Try again/);
  });
});
