// A minimal Server-Sent Events client over fetch, for tests and benchmarks
// (Node has no EventSource): it calls `onEvent` for every event as it arrives.

export type ServerEvent = { event: string; data: string; receivedAt: number };

export type EventStream = {
  status: number;
  contentType: string | null;
  /** Resolves when the server ends the stream (or it is closed). */
  ended: Promise<void>;
  close(): void;
};

export async function openEventStream(
  url: string,
  cookie: string,
  onEvent: (event: ServerEvent) => void,
): Promise<EventStream> {
  const abort = new AbortController();
  const response = await fetch(url, { headers: { cookie }, signal: abort.signal });
  const ended = (async () => {
    if (!response.ok || !response.body) return;
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      const receivedAt = performance.timeOrigin + performance.now();
      buffer += value;
      const blocks = buffer.split("\n\n");
      buffer = blocks.pop() ?? "";
      for (const block of blocks) {
        const field = (name: string) =>
          block
            .split("\n")
            .find((line) => line.startsWith(`${name}:`))
            ?.slice(name.length + 1)
            .trim();
        const event = field("event");
        if (event) onEvent({ event, data: field("data") ?? "", receivedAt });
      }
    }
  })();
  return {
    status: response.status,
    contentType: response.headers.get("content-type"),
    ended,
    close: () => abort.abort(),
  };
}
