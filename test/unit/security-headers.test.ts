import { describe, expect, it } from "vitest";
import {
  contentSecurityPolicy,
  createNonce,
  HSTS_VALUE,
  requestHeadersWithPolicy,
  setResponseSecurityHeaders,
} from "@/lib/security/headers";

const directive = (policy: string, name: string) =>
  policy
    .split("; ")
    .find((d) => d.startsWith(`${name} `))
    ?.slice(name.length + 1);

describe("security headers", () => {
  it("nonces are 128 random bits, never repeated", () => {
    const nonces = new Set(Array.from({ length: 1000 }, createNonce));
    expect(nonces.size).toBe(1000);
    for (const n of nonces) expect(Buffer.from(n, "base64")).toHaveLength(16);
  });

  it("in production, scripts and styles need the nonce: no inline, no eval", () => {
    const policy = contentSecurityPolicy("abc", { development: false, secure: false });
    expect(directive(policy, "script-src")).toBe("'self' 'nonce-abc' 'strict-dynamic'");
    expect(directive(policy, "style-src")).toBe("'self' 'nonce-abc'");
    expect(policy).not.toMatch(/unsafe-(inline|eval)/);
    expect(directive(policy, "frame-ancestors")).toBe("'none'");
    expect(directive(policy, "object-src")).toBe("'none'");
    expect(directive(policy, "base-uri")).toBe("'self'");
    expect(policy).not.toContain("upgrade-insecure-requests");
  });

  it("in development, what next dev needs: eval for scripts, inline styles", () => {
    const policy = contentSecurityPolicy("abc", { development: true, secure: false });
    expect(directive(policy, "script-src")).toBe("'self' 'nonce-abc' 'strict-dynamic' 'unsafe-eval'");
    expect(directive(policy, "style-src")).toBe("'self' 'unsafe-inline'");
  });

  it("HSTS and upgrade-insecure-requests only when cookies are secure (https)", () => {
    const secure = contentSecurityPolicy("n", { development: false, secure: true });
    expect(secure.split("; ")).toContain("upgrade-insecure-requests");
    const onHttps = new Response(null);
    setResponseSecurityHeaders(onHttps, secure, true);
    expect(onHttps.headers.get("Strict-Transport-Security")).toBe(HSTS_VALUE);
    expect(onHttps.headers.get("Content-Security-Policy")).toBe(secure);
    const onHttp = new Response(null);
    setResponseSecurityHeaders(onHttp, "p", false);
    expect(onHttp.headers.get("Strict-Transport-Security")).toBeNull();
  });

  it("the page renders with the policy and the nonce on its request, the original headers kept", () => {
    const original = new Headers({ cookie: "a=b" });
    const forwarded = requestHeadersWithPolicy(original, "policy 'nonce-xyz'", "xyz");
    expect(forwarded.get("content-security-policy")).toBe("policy 'nonce-xyz'");
    expect(forwarded.get("x-nonce")).toBe("xyz");
    expect(forwarded.get("cookie")).toBe("a=b");
    expect(original.has("content-security-policy")).toBe(false);
  });
});
