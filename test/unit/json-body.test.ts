// readJsonBody: small JSON bodies only, refused before they are read whole
// (a declared Content-Length) or as they stream past the cap.
import { describe, expect, it } from "vitest";
import { MAX_TOKEN_REQUEST_BYTES, readJsonBody } from "@/lib/security/json-body";

const post = (
  body: BodyInit | null,
  headers: Record<string, string> = { "content-type": "application/json" },
) => new Request("http://localhost/api/x", { method: "POST", body, headers });

/** A body that streams `chunks` and records whether the reader gave up on it. */
function streamed(chunks: string[]) {
  const state = { cancelled: false, pulled: 0 };
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        const next = chunks[state.pulled++];
        if (next === undefined) controller.close();
        else controller.enqueue(new TextEncoder().encode(next));
      },
      cancel() {
        state.cancelled = true;
      },
      // Pulled only when read: what was read is what was pulled.
    },
    { highWaterMark: 0 },
  );
  const request = new Request("http://localhost/api/x", {
    method: "POST",
    body: stream,
    headers: { "content-type": "application/json" },
    duplex: "half",
  } as RequestInit);
  return { request, state };
}

describe("readJsonBody", () => {
  it("reads JSON, whatever the case or parameters of its content type", async () => {
    expect(await readJsonBody(post('{"a":1}'))).toEqual({ ok: true, value: { a: 1 } });
    expect(await readJsonBody(post("[1]", { "content-type": "Application/JSON; charset=utf-8" }))).toEqual({
      ok: true,
      value: [1],
    });
  });

  it("415 for anything that does not say it is JSON, or says so only in passing", async () => {
    for (const type of ["text/plain", "application/jsonp", "text/x-application/json", ""])
      expect(await readJsonBody(post('{"a":1}', type ? { "content-type": type } : {})), type).toEqual({
        ok: false,
        status: 415,
      });
  });

  it("413 for a declared length past the cap, before reading; exactly the cap is read", async () => {
    const atCap = `"${"x".repeat(MAX_TOKEN_REQUEST_BYTES - 2)}"`;
    const declared = {
      "content-type": "application/json",
      "content-length": String(MAX_TOKEN_REQUEST_BYTES),
    };
    expect(await readJsonBody(post(atCap, declared))).toEqual({
      ok: true,
      value: "x".repeat(MAX_TOKEN_REQUEST_BYTES - 2),
    });
    const { request, state } = streamed(['{"a":1}']);
    request.headers.set("content-length", String(MAX_TOKEN_REQUEST_BYTES + 1));
    expect(await readJsonBody(request)).toEqual({ ok: false, status: 413 });
    expect(state.pulled, "nothing read").toBe(0);
  });

  it("413 as soon as a body without a declared length streams past the cap, and stops reading it", async () => {
    const { request, state } = streamed(["[", "1,".repeat(1500), "1,".repeat(1500), "1]"]);
    expect(await readJsonBody(request, 4096)).toEqual({ ok: false, status: 413 });
    expect(state.cancelled).toBe(true);
    expect(state.pulled, "the rest is never pulled").toBeLessThan(4);
  });

  it("400 for no body, an empty one, or one that is not JSON", async () => {
    expect(await readJsonBody(post(null))).toEqual({ ok: false, status: 400 });
    expect(await readJsonBody(post(""))).toEqual({ ok: false, status: 400 });
    expect(await readJsonBody(post("{nope"))).toEqual({ ok: false, status: 400 });
  });
});
