// One bound on every request body, checked from the headers before anything
// reads the body. Next's proxy copies a body it runs for (up to
// proxyClientMaxBodySize, next.config.js, which must equal this bound) and
// next-auth reads its bodies whole, so a limit a route applies afterwards comes
// too late. A body must therefore declare its length, within the bound: no
// page, action or API of this app takes more, and every client it has (the
// browser, `npm run client`, fetch with a string) sends a Content-Length.

/** 64 KB: a sign-in form, a server action's fields or a token request are far below. */
export const MAX_REQUEST_BODY_BYTES = 64 * 1024;

/** 411 for a body of undeclared length (chunked), 413 past the bound; null when the headers are within it. */
export function bodyLimitRefusal(headers: Headers): Response | null {
  if (headers.has("transfer-encoding")) return refusal(411, "length_required");
  const declared = headers.get("content-length");
  if (declared !== null && !(Number(declared) <= MAX_REQUEST_BODY_BYTES))
    return refusal(413, "payload_too_large");
  return null;
}

function refusal(status: 411 | 413, error: string): Response {
  return Response.json({ error }, { status, headers: { "Cache-Control": "no-store" } });
}
