// lib/client/sse-reader.ts: reads Server-Sent Events from a fetch() body as
// they arrive, until the body ends; a failed read is passed on (the caller
// judges the connection by what it delivered). The parser follows the
// text/event-stream format: "field: value" lines, a blank line ends an event,
// ":" starts a comment, unknown fields are ignored, an event without data is
// not dispatched. (test/unit/permission-events.test.ts covers chunk splits,
// CRLF, comments and multi-line data; this file covers the rest.)
import { describe, expect, it } from "vitest";
import { EventParser, readServerSentEvents, type ServerSentEvent } from "@/lib/client/sse-reader";

const bytes = (text: string) => new TextEncoder().encode(text);

function parse(...chunks: string[]): ServerSentEvent[] {
  const events: ServerSentEvent[] = [];
  const parser = new EventParser((event) => events.push(event));
  for (const chunk of chunks) parser.push(chunk);
  return events;
}

/** A body the test writes to, chunk by chunk, and ends or breaks. */
function openBody() {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) });
  return {
    body,
    send: (chunk: Uint8Array | string) =>
      controller.enqueue(typeof chunk === "string" ? bytes(chunk) : chunk),
    end: () => controller.close(),
    fail: (error: Error) => controller.error(error),
  };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe("readServerSentEvents", () => {
  it("hands each event over as it arrives, before the body ends, and resolves when it ends", async () => {
    const events: ServerSentEvent[] = [];
    const { body, send, end } = openBody();
    let finished = false;
    const reading = readServerSentEvents(body, (event) => events.push(event)).then(() => (finished = true));
    send('event: permissions\ndata: {"permissionsUpdatedAt":5}\n\n');
    await turn();
    expect(events).toEqual([{ event: "permissions", data: '{"permissionsUpdatedAt":5}' }]);
    expect(finished).toBe(false);
    send("data: second\n\n");
    end();
    await reading;
    expect(finished).toBe(true);
    expect(events).toHaveLength(2);
  });

  it("decodes a character whose bytes are split across chunks", async () => {
    const events: ServerSentEvent[] = [];
    const { body, send, end } = openBody();
    const encoded = bytes("data: Café ✓\n\n");
    const split = encoded.indexOf(0xc3) + 1; // inside the two bytes of "é"
    send(encoded.slice(0, split));
    send(encoded.slice(split));
    end();
    await readServerSentEvents(body, (event) => events.push(event));
    expect(events).toEqual([{ event: "message", data: "Café ✓" }]);
  });

  it("rejects when a read fails, after handing over what came before", async () => {
    const events: ServerSentEvent[] = [];
    const { body, send, fail } = openBody();
    const reading = readServerSentEvents(body, (event) => events.push(event));
    send("data: before\n\n");
    await turn();
    fail(new Error("connection reset"));
    await expect(reading).rejects.toThrow("connection reset");
    expect(events).toEqual([{ event: "message", data: "before" }]);
  });

  it("drops an event the body ended in the middle of (no blank line after it)", async () => {
    const events: ServerSentEvent[] = [];
    const { body, send, end } = openBody();
    send("event: permissions\ndata: cut");
    end();
    await readServerSentEvents(body, (event) => events.push(event));
    expect(events).toEqual([]);
  });
});

describe("EventParser", () => {
  it("strips one space after the colon, no more, and keeps later colons in the value", () => {
    expect(parse("data:  two spaces\n\ndata: a:b: c\n\n")).toEqual([
      { event: "message", data: " two spaces" },
      { event: "message", data: "a:b: c" },
    ]);
  });

  it("a field line without a colon is the field with an empty value", () => {
    expect(parse("data\n\n")).toEqual([{ event: "message", data: "" }]);
    expect(parse("event\ndata: x\n\n")).toEqual([{ event: "message", data: "x" }]);
  });

  it("ignores unknown fields (id, retry), fields of another case, and comments that look like fields", () => {
    expect(parse("id: 7\nretry: 2000\nData: no\n:data: no\nevent: permissions\ndata: yes\n\n")).toEqual([
      { event: "permissions", data: "yes" },
    ]);
  });

  it("an event without data is not dispatched, and its name does not carry over to the next", () => {
    expect(parse("event: revoked\n\ndata: plain\n\n")).toEqual([{ event: "message", data: "plain" }]);
  });

  it("each event starts afresh: name and data of one never leak into the next", () => {
    expect(parse("event: permissions\ndata: 1\n\ndata: 2\n\n")).toEqual([
      { event: "permissions", data: "1" },
      { event: "message", data: "2" },
    ]);
  });

  it("a field ending in its colon has an empty value, and still counts (not a comment)", () => {
    expect(parse("event: ping\ndata:\n\n")).toEqual([{ event: "ping", data: "" }]);
    expect(parse("data: a\ndata:\ndata: b\n\n")).toEqual([{ event: "message", data: "a\n\nb" }]);
  });

  it("a lone CR ends a line as LF and CRLF do", () => {
    expect(parse("event: a\rdata: 1\r\r")).toEqual([{ event: "a", data: "1" }]);
  });

  it("keeps an unfinished line until the rest of it arrives", () => {
    const events: ServerSentEvent[] = [];
    const parser = new EventParser((event) => events.push(event));
    parser.push("da");
    parser.push("ta: x");
    expect(events).toEqual([]);
    parser.push("\n\n");
    expect(events).toEqual([{ event: "message", data: "x" }]);
  });
});
