// Many idle event streams from one process, over plain node:http (one socket
// each, no pooling): each stream counts its events and heartbeats, and the
// bench closes them all at the end.
import http from "node:http";

export type HeldStream = {
  status: number;
  retryAfter: string | null;
  /** Named events received ("permissions", "revoked"). */
  events: number;
  /** ": heartbeat" comments received. */
  heartbeats: number;
  ended: boolean;
  close(): void;
};

/** Opens one stream; resolves at its first event (200) or with its refusal (any other status). */
export function openHeldStream(url: string, cookie: string, timeoutMs = 30_000): Promise<HeldStream> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { agent: false, headers: { cookie } });
    const timer = setTimeout(() => {
      request.destroy();
      reject(new Error(`no first event from ${url} within ${timeoutMs} ms`));
    }, timeoutMs);
    request.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    request.on("response", (response) => {
      const held: HeldStream = {
        status: response.statusCode ?? 0,
        retryAfter: response.headers["retry-after"] ?? null,
        events: 0,
        heartbeats: 0,
        ended: false,
        close: () => request.destroy(),
      };
      const settle = () => {
        clearTimeout(timer);
        resolve(held);
      };
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => {
        held.events += chunk.match(/^event: /gm)?.length ?? 0;
        held.heartbeats += chunk.match(/^: heartbeat/gm)?.length ?? 0;
        if (held.events > 0) settle();
      });
      response.on("close", () => {
        held.ended = true;
        settle();
      });
      if (held.status !== 200) response.resume();
    });
  });
}

/** Opens `count` streams, the i-th with cookies[i % cookies.length], `concurrency` at a time. */
export async function openManyStreams(
  url: string,
  cookies: readonly string[],
  count: number,
  concurrency = 50,
): Promise<HeldStream[]> {
  const streams: HeldStream[] = new Array<HeldStream>(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next++;
      streams[index] = await openHeldStream(url, cookies[index % cookies.length]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return streams;
}
