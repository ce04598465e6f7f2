// The proxy and token clients: a bearer API request passes to its route
// handler untouched (no cookie read or written, no sign-in redirect), the
// JWKS is public, and CORS grants only the origins in AUTH_CORS_ORIGINS,
// never credentials. The freshness check and the codec are stubbed.
import { NextRequest } from "next/server";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { proxy } from "@/proxy";

const stubs = vi.hoisted(() => {
  process.env.AUTH_CORS_ORIGINS = "https://app.example, https://other.example/";
  return {
    check: vi.fn<(token: unknown) => Promise<unknown>>(),
    decode: vi.fn<(value: string | undefined, secret: string) => Promise<unknown>>(),
  };
});
vi.mock("@/lib/auth/fresh-session", () => ({ checkSessionFreshness: stubs.check }));
vi.mock("@/lib/auth/session-cookie", async (original) => ({
  ...(await original<object>()),
  decodeSessionToken: stubs.decode,
}));

const COOKIE = "next-auth.session-token";

function request(path: string, headers: Record<string, string>, method = "GET"): NextRequest {
  return new NextRequest(`http://localhost${path}`, { method, headers });
}

beforeEach(() => {
  vi.clearAllMocks();
  stubs.decode.mockResolvedValue({ sub: "u1", authAt: 1, perms: "0", cat: "c", permsAt: 1, grantExp: null });
  stubs.check.mockResolvedValue({ kind: "refused", reason: "session was ended" });
});

describe("proxy: token clients", () => {
  it("a bearer API request goes to its handler; a cookie beside it is neither read nor cleared", async () => {
    const response = await proxy(
      request("/api/reports", { authorization: "Bearer abc", cookie: `${COOKIE}=old` }),
    );
    expect(response.headers.get("x-middleware-next")).toBe("1");
    expect(response.headers.getSetCookie()).toEqual([]);
    expect(stubs.decode).not.toHaveBeenCalled();
    expect(stubs.check).not.toHaveBeenCalled();
  });

  it("a bearer header does not open pages: they still go by the cookie", async () => {
    stubs.decode.mockResolvedValue(null);
    const response = await proxy(request("/reports", { authorization: "Bearer abc" }));
    expect(response.status).toBe(307);
  });

  it("the JWKS is open to everyone", async () => {
    stubs.decode.mockResolvedValue(null);
    const response = await proxy(request("/.well-known/jwks.json", {}));
    expect(response.headers.get("x-middleware-next")).toBe("1");
  });

  it("preflight: an allowed origin gets the grants (no credentials); another gets none", async () => {
    const allowed = await proxy(
      request(
        "/api/tokens",
        { origin: "https://other.example", "access-control-request-method": "POST" },
        "OPTIONS",
      ),
    );
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get("access-control-allow-origin")).toBe("https://other.example");
    expect(allowed.headers.get("access-control-allow-headers")).toContain("Authorization");
    expect(allowed.headers.get("access-control-allow-credentials")).toBeNull();
    const refused = await proxy(request("/api/tokens", { origin: "https://evil.example" }, "OPTIONS"));
    expect(refused.status).toBe(204);
    expect(refused.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("API answers to an allowed origin expose the token headers; others get no grant", async () => {
    const allowed = await proxy(
      request("/api/reports", { authorization: "Bearer abc", origin: "https://app.example" }),
    );
    expect(allowed.headers.get("access-control-allow-origin")).toBe("https://app.example");
    expect(allowed.headers.get("access-control-expose-headers")).toContain("X-Access-Token");
    expect(allowed.headers.get("vary")).toContain("Origin");
    const other = await proxy(
      request("/api/reports", { authorization: "Bearer abc", origin: "https://x.example" }),
    );
    expect(other.headers.get("access-control-allow-origin")).toBeNull();
  });
});
