// next-auth answers an error thrown from `authorize` with 401 and the error
// in a URL (JSON { url } when the client asked for json, else a redirect).
// When that error says a sign-in limit holds, the answer becomes 429 with
// Retry-After. The body stays { url } with an absolute URL, because
// next-auth's client signIn() parses it (new URL(data.url)) and hands the
// form its `error` parameter: a body without it would throw in the browser.
import { parseLimitedError } from "./sign-in-messages";

export async function withRetryAfter(response: Response): Promise<Response> {
  if (response.status !== 401 && response.status !== 302) return response;
  const url = await errorUrl(response);
  const wait = url ? parseLimitedError(url.searchParams.get("error")) : null;
  if (wait === null || !url) return response;
  const headers = new Headers(response.headers); // keeps next-auth's cookies
  headers.delete("location");
  headers.set("content-type", "application/json");
  headers.set("cache-control", "no-store");
  headers.set("retry-after", String(wait));
  return new Response(JSON.stringify({ url: url.toString() }), { status: 429, headers });
}

async function errorUrl(response: Response): Promise<URL | null> {
  let target = response.headers.get("location");
  if (!target && response.headers.get("content-type")?.startsWith("application/json")) {
    const body: unknown = await response
      .clone()
      .json()
      .catch(() => null);
    const url = (body as { url?: unknown } | null)?.url;
    target = typeof url === "string" ? url : null;
  }
  if (!target) return null;
  try {
    return new URL(target);
  } catch {
    return null;
  }
}
