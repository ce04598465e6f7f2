// Reads a small JSON request body, refusing anything larger than `maxBytes`
// before it is read whole (a declared Content-Length) or while it streams in.
type JsonBody = { ok: true; value: unknown } | { ok: false; status: 400 | 413 | 415 };

export const MAX_TOKEN_REQUEST_BYTES = 4096;

export async function readJsonBody(req: Request, maxBytes = MAX_TOKEN_REQUEST_BYTES): Promise<JsonBody> {
  if (!/^application\/json\b/i.test(req.headers.get("content-type") ?? "")) return { ok: false, status: 415 };
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > maxBytes) return { ok: false, status: 413 };
  if (!req.body) return { ok: false, status: 400 };
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = req.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return { ok: false, status: 413 };
    }
    chunks.push(value);
  }
  try {
    return { ok: true, value: JSON.parse(Buffer.concat(chunks).toString("utf8")) as unknown };
  } catch {
    return { ok: false, status: 400 };
  }
}
