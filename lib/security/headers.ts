// Security headers. The Content-Security-Policy carries a fresh nonce per
// request: the proxy puts it on the request (Next reads the nonce from the
// request's Content-Security-Policy header and stamps it on its own scripts
// and styles while rendering) and on the response (the browser enforces it).
// Scripts run only with the nonce, or when loaded by a script that had it
// ('strict-dynamic'); never inline code an attacker managed to inject. The
// headers that never change live in next.config.js, so that responses the
// proxy does not see (static files, next-auth's routes) carry them too.

const NONCE_HEADER = "x-nonce";

/** HSTS, sent only when the session cookie is secure (https): two years, this host only. */
export const HSTS_VALUE = "max-age=63072000";

type PolicyOptions = {
  /** next dev needs eval (React's error stacks) and inline styles (its overlay). */
  development: boolean;
  /** Served over https: ask the browser to upgrade any http sub-request. */
  secure: boolean;
};

/** 128 random bits, base64: unguessable and never repeated. */
export function createNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}

export function contentSecurityPolicy(nonce: string, { development, secure }: PolicyOptions): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    // A nonce makes browsers ignore 'unsafe-inline', so development states only the latter.
    development ? "style-src 'self' 'unsafe-inline'" : `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(secure ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** The request headers a page renders with: Next takes the nonce from the policy. */
export function requestHeadersWithPolicy(headers: Headers, policy: string, nonce: string): Headers {
  const forwarded = new Headers(headers);
  forwarded.set("Content-Security-Policy", policy);
  forwarded.set(NONCE_HEADER, nonce);
  return forwarded;
}

/** The per-request headers on a response the proxy lets through or answers itself. */
export function setResponseSecurityHeaders(response: Response, policy: string, secure: boolean): void {
  response.headers.set("Content-Security-Policy", policy);
  if (secure) response.headers.set("Strict-Transport-Security", HSTS_VALUE);
}
