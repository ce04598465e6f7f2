// What a client sees past a stream cap: 429, Retry-After, and a JSON error
// that says which cap and what to do.
import type { StreamRefusal } from "./stream-registry";

export const TOO_MANY_STREAMS_FOR_USER =
  "Too many live connections are open for your account (tabs or browsers). Close some, or try again later.";
export const TOO_MANY_STREAMS_ON_SERVER =
  "This server is holding as many live connections as it can. Try again shortly.";

export type RefusalAnswer = { status: 429; headers: Record<string, string>; body: object };

export function tooManyStreams({ refused, retryAfterSeconds }: StreamRefusal): RefusalAnswer {
  return {
    status: 429,
    headers: { "Retry-After": String(retryAfterSeconds), "Cache-Control": "no-store" },
    body: {
      error: refused === "user" ? TOO_MANY_STREAMS_FOR_USER : TOO_MANY_STREAMS_ON_SERVER,
      limit: refused,
    },
  };
}
