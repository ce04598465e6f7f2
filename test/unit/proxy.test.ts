// The request edge on its own: proxy.ts with the freshness check and the
// codec stubbed, so each answer below can only come from the proxy itself.
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Freshness } from "@/lib/auth/freshness";
import type { AuthToken } from "@/lib/auth/token";
import { proxy } from "@/proxy";
import { cookieRequest, sessionSetCookie } from "../support/session-harness";

// Shallow mocks: plain functions, no imports of the modules they replace.
const stubs = vi.hoisted(() => ({
  refreshToken: vi.fn<(token: unknown) => Promise<unknown>>(),
  decode: vi.fn<(value: string | undefined, secret: string) => Promise<unknown>>(),
  encode: vi.fn<(token: unknown, secret: string) => Promise<{ value: string; maxAge: number }>>(),
  logUnavailable: vi.fn<(where: string, error: unknown) => void>(),
}));
// proxy.ts imports lib/auth's index, which re-exports these modules: each is replaced as a whole.
vi.mock("@/lib/auth/fresh-session", () => ({ checkSessionFreshness: stubs.refreshToken }));
vi.mock("@/lib/auth/unavailable-log", () => ({ logUnavailable: stubs.logUnavailable }));
vi.mock("@/lib/auth/session-cookie", async (original) => ({
  ...(await original<object>()),
  decodeSessionToken: stubs.decode,
  encodeSessionToken: stubs.encode,
}));

const COOKIE = "next-auth.session-token";

const token = (permsAt: number): AuthToken => ({
  sub: "u1",
  authAt: 1,
  perms: "0",
  cat: "cat",
  permsAt,
  grantExp: null,
});

function answer(freshness: Freshness | Error) {
  if (freshness instanceof Error) stubs.refreshToken.mockRejectedValue(freshness);
  else stubs.refreshToken.mockResolvedValue(freshness);
}

beforeEach(() => {
  vi.clearAllMocks();
  stubs.decode.mockImplementation(async (value) => (value ? token(100) : null));
  stubs.encode.mockResolvedValue({ value: "new-cookie", maxAge: 2592000 });
});

describe("proxy: signed out", () => {
  it("sends a page to sign-in with where it came from, without asking the database", async () => {
    const response = await proxy(cookieRequest("/reports?tab=2", null));
    expect(response.status).toBe(307);
    const location = new URL(response.headers.get("location")!);
    expect(location.pathname).toBe("/sign-in");
    expect(location.searchParams.get("callbackUrl")).toBe("/reports?tab=2");
    expect(stubs.refreshToken).not.toHaveBeenCalled();
  });

  it("lets APIs and the sign-in page through, to answer for themselves", async () => {
    for (const path of ["/api/reports", "/sign-in"]) {
      const response = await proxy(cookieRequest(path, null));
      expect(response.status, path).toBe(200);
      expect(response.headers.get("x-middleware-next"), path).toBe("1");
      expect(response.headers.get("X-Permissions-Updated"), path).toBeNull();
    }
  });

  it("lets a path that is no page through, so Next answers 404 without a detour through sign-in", async () => {
    for (const path of ["/no-such-page", "/admin/users/u1/extra", "/reports/2026"]) {
      const response = await proxy(cookieRequest(path, null));
      expect(response.status, path).toBe(200);
      expect(response.headers.get("x-middleware-next"), path).toBe("1");
    }
    // A page that exists still asks for a sign-in, dynamic segments included.
    expect((await proxy(cookieRequest("/admin/users/u1", null))).status).toBe(307);
  });

  it("a path whose percent-encoding does not decode is a plain 404, signed in or not, before any check", async () => {
    for (const cookie of [null, "cookie"]) {
      const response = await proxy(cookieRequest("/admin/users/a%FFb", cookie));
      expect(response.status).toBe(404);
      expect(response.headers.get("content-type")).toBe("text/plain; charset=utf-8");
      expect(await response.text()).toBe("Not found");
    }
    expect(stubs.decode).not.toHaveBeenCalled();
    expect(stubs.refreshToken).not.toHaveBeenCalled();
  });

  it("treats a cookie the codec refuses as no session", async () => {
    stubs.decode.mockResolvedValue(null);
    const response = await proxy(cookieRequest("/reports", "tampered"));
    expect(stubs.decode).toHaveBeenCalledWith("tampered", expect.any(String));
    expect(response.status).toBe(307);
    expect(stubs.refreshToken).not.toHaveBeenCalled();
  });
});

describe("proxy: the freshness check", () => {
  it("a non-Error thrown is logged as it is, and still answers 503", async () => {
    stubs.refreshToken.mockRejectedValue("socket closed");
    expect((await proxy(cookieRequest("/api/reports"))).status).toBe(503);
    expect(stubs.logUnavailable).toHaveBeenCalledWith("proxy", "socket closed");
  });

  it("throws → 503 for APIs (JSON) and pages (plain text, Retry-After), never the page", async () => {
    answer(new Error("database down"));
    const api = await proxy(cookieRequest("/api/reports"));
    expect(api.status).toBe(503);
    expect(await api.json()).toEqual({ error: expect.stringMatching(/cannot be checked/) });
    const page = await proxy(cookieRequest("/reports"));
    expect(page.status).toBe(503);
    expect(page.headers.get("retry-after")).toBe("5");
    expect(page.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(stubs.logUnavailable).toHaveBeenCalledWith("proxy", new Error("database down"));
    expect(await page.text()).toMatch(/cannot be checked/);
    expect(page.headers.get("x-middleware-next")).toBeNull();
  });

  it("refused → 401 for APIs, with the cookie deleted", async () => {
    answer({ kind: "refused", reason: "user is disabled" });
    const response = await proxy(cookieRequest("/api/reports"));
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: expect.stringMatching(/session has ended/) });
    expect(sessionSetCookie(response)).toMatch(/^next-auth\.session-token=;.*Expires=Thu, 01 Jan 1970/);
    expect(response.headers.get("X-Permissions-Updated")).toBeNull();
  });

  it("refused → pages redirect to sign-in, with the cookie deleted; the sign-in page itself is served", async () => {
    answer({ kind: "refused", reason: "session was revoked" });
    const page = await proxy(cookieRequest("/admin/users"));
    expect(page.status).toBe(307);
    expect(new URL(page.headers.get("location")!).searchParams.get("callbackUrl")).toBe("/admin/users");
    expect(sessionSetCookie(page)).toMatch(/^next-auth\.session-token=;/);
    const signIn = await proxy(cookieRequest("/sign-in"));
    expect(signIn.headers.get("x-middleware-next")).toBe("1");
    expect(sessionSetCookie(signIn)).toMatch(/^next-auth\.session-token=;/);
  });

  it("rebuilt → Set-Cookie with the new token, and the request's own cookie rewritten for this render", async () => {
    const rebuilt = token(200);
    answer({ kind: "rebuilt", token: rebuilt });
    const response = await proxy(cookieRequest("/reports"));
    expect(stubs.refreshToken).toHaveBeenCalledWith(token(100));
    expect(stubs.encode).toHaveBeenCalledWith(rebuilt, expect.any(String));
    expect(response.headers.get("x-middleware-next")).toBe("1");
    const set = sessionSetCookie(response)!;
    expect(set).toMatch(/^next-auth\.session-token=new-cookie;/);
    expect(set).toMatch(/HttpOnly/i);
    expect(set).toMatch(/SameSite=lax/i);
    expect(set).toMatch(/Max-Age=2592000/);
    expect(set).toMatch(/Path=\/(;|$)/);
    expect(set).not.toMatch(/Secure/i);
    // Next applies these to the request the Server Components see.
    expect(response.headers.get("x-middleware-override-headers")).toContain("cookie");
    expect(response.headers.get("x-middleware-request-cookie")).toContain(`${COOKIE}=new-cookie`);
    expect(response.headers.get("x-middleware-request-cookie")).toContain("other=1");
    expect(response.headers.get("X-Permissions-Updated")).toBe("200");
  });

  it("current → the stamp header only: no cookie written, the request left alone", async () => {
    answer({ kind: "current", token: token(100) });
    const response = await proxy(cookieRequest("/api/reports"));
    expect(response.status).toBe(200);
    expect(response.headers.get("x-middleware-next")).toBe("1");
    expect(response.headers.get("X-Permissions-Updated")).toBe("100");
    expect(response.headers.getSetCookie()).toEqual([]);
    // The request headers are passed on with the nonce policy added; the cookie goes on as it came.
    expect(response.headers.get("x-middleware-override-headers")).toContain("x-nonce");
    expect(response.headers.get("x-middleware-request-cookie")).toBe(`${COOKIE}=old-cookie; other=1`);
    expect(stubs.encode).not.toHaveBeenCalled();
  });
});
