// Where the sign-in page sends the user afterwards. The value comes from the
// query string, so anyone can write it into a link: it is resolved the way a
// browser would (the WHATWG URL parser, against the app's own origin) and
// kept only when it lands on that origin. Never decided by looking at its
// characters: "/\evil.example", "/\t/evil.example" or "http:evil.example"
// look like paths, and browsers read some of them as other sites.
import { headers } from "next/headers";
import { env } from "@/lib/env";

const HOME = "/";

/** A same-origin path (with query and fragment) to go to after signing in, else "/". */
export function safeCallbackUrl(value: unknown, appOrigin: string): string {
  if (typeof value !== "string" || value === "") return HOME;
  const origin = new URL(appOrigin).origin;
  let url: URL;
  try {
    url = new URL(value, origin);
  } catch {
    return HOME;
  }
  if (url.origin !== origin) return HOME; // another site, or javascript:, data:… (origin "null")
  if (/^\/sign-in\/?$/.test(url.pathname)) return HOME; // never back to the form itself
  const path = `${url.pathname}${url.search}${url.hash}`;
  // The browser resolves the path once more. Normalising can produce a
  // protocol-relative one ("/.//evil.example" becomes "//evil.example"), so
  // the answer must resolve to this origin again, as given.
  return new URL(path, origin).origin === origin && path.startsWith("/") ? path : HOME;
}

/**
 * The app's origin for this request: NEXTAUTH_URL when set, else the Host the
 * browser addressed. Either way the answer of safeCallbackUrl is a path on
 * the origin the browser is already on, so a forged Host only misleads the
 * request that forged it.
 */
async function appOrigin(): Promise<string> {
  const configured = env().appOrigin;
  if (configured) return configured;
  const host = (await headers()).get("host");
  try {
    return new URL(`http://${host}`).origin;
  } catch {
    return "http://localhost";
  }
}

/** Where the sign-in page sends the user: the callbackUrl when it stays on this site, else home. */
export async function signInTarget(callbackUrl: unknown): Promise<string> {
  return safeCallbackUrl(callbackUrl, await appOrigin());
}
