// The next-auth endpoints this app uses, by method. next-auth 4 answers
// others in ways an anonymous client can abuse: GET callback/credentials
// throws (500), POST _log writes whatever it is sent into the server log at
// the level it names, and the error page answers 500 to anyone who asks for
// ?error=Configuration. Anything not listed is answered here, before
// next-auth runs: 405 for a listed endpoint with another method, else 404;
// and the error page is the sign-in page, which shows no next-auth error
// text: only a code of letters goes along, for the page to say in words
// (lib/sign-in/provider-errors.ts; an unknown code shows nothing).
// A configured identity provider (lib/sign-in/identity-providers.ts) adds
// its two: POST signin/<id> (next-auth checks its CSRF token) and GET
// callback/<id>, where the provider sends the browser back.
const ENDPOINTS: Record<string, readonly ("GET" | "POST")[]> = {
  csrf: ["GET"],
  providers: ["GET"],
  session: ["GET"],
  signin: ["GET"],
  signout: ["GET", "POST"],
  "callback/credentials": ["POST"],
};

/** The answer to give instead of next-auth's, or null; `segments` is the path under /api/auth. */
export function answeredHere(
  method: string,
  segments: readonly string[],
  providerIds: readonly string[] = [],
  errorCode: string | null = null,
): Response | null {
  const [action = "", ...rest] = segments;
  const provider = rest.length === 1 && providerIds.includes(rest[0]!);
  if (provider && ((action === "signin" && method === "POST") || (action === "callback" && method === "GET")))
    return null;
  // Pages that name a provider (signin/credentials) or an error (error/Configuration) are the action's own page.
  const name = action === "callback" ? segments.join("/") : rest.length <= 1 ? action : "";
  if (name === "error" && method === "GET") {
    const code = /^[A-Za-z]{1,40}$/.test(errorCode ?? "") ? `?error=${errorCode}` : "";
    return new Response(null, { status: 302, headers: { Location: `/sign-in${code}` } });
  }
  const methods = Object.hasOwn(ENDPOINTS, name) ? ENDPOINTS[name] : undefined;
  if (!methods) return Response.json({ error: "not_found" }, { status: 404 });
  if ((methods as readonly string[]).includes(method)) return null;
  return Response.json(
    { error: "method_not_allowed" },
    { status: 405, headers: { Allow: methods.join(", ") } },
  );
}
