// The core's own proxy (lib/auth/proxy.ts), which an adopting app exports as
// its whole proxy.ts (docs/ADOPT.md): the freshness check and the codec are
// stubbed, so each answer can only come from refreshSession and liveClaimsProxy.
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Freshness } from "@/lib/auth/freshness";
import type { AuthToken } from "@/lib/auth/token";
import { cookieRequest, sessionSetCookie } from "../support/session-harness";

const stubs = vi.hoisted(() => ({
  check: vi.fn<(token: unknown) => Promise<unknown>>(),
  decode: vi.fn<(value: string | undefined, secret: string) => Promise<unknown>>(),
  encode: vi.fn<(token: unknown, secret: string) => Promise<{ value: string; maxAge: number }>>(),
  logUnavailable: vi.fn<(where: string, error: unknown) => void>(),
}));
vi.mock("@/lib/auth/fresh-session", () => ({ checkSessionFreshness: stubs.check }));
vi.mock("@/lib/auth/unavailable-log", () => ({ logUnavailable: stubs.logUnavailable }));
vi.mock("@/lib/auth/session-cookie", async (original) => ({
  ...(await original<object>()),
  decodeSessionToken: stubs.decode,
  encodeSessionToken: stubs.encode,
}));

const { liveClaimsProxy, refreshSession } = await import("@/lib/auth/proxy");

const COOKIE = "next-auth.session-token";
const token = (permsAt: number): AuthToken => ({
  sub: "u1",
  authAt: 1,
  perms: "0",
  cat: "c",
  permsAt,
  grantExp: null,
});

function answer(freshness: Freshness | Error) {
  if (freshness instanceof Error) stubs.check.mockRejectedValue(freshness);
  else stubs.check.mockResolvedValue(freshness);
}

beforeEach(() => {
  vi.clearAllMocks();
  stubs.decode.mockImplementation(async (value) => (value ? token(100) : null));
  stubs.encode.mockResolvedValue({ value: "new-cookie", maxAge: 600 });
});

describe("liveClaimsProxy", () => {
  it("no session: passes the request on, without a check", async () => {
    const response = await liveClaimsProxy(cookieRequest("/reports", null));
    expect(response.headers.get("x-middleware-next")).toBe("1");
    expect(response.headers.get("X-Permissions-Updated")).toBeNull();
    expect(stubs.check).not.toHaveBeenCalled();
  });

  it("current: the stamp header, no cookie written", async () => {
    answer({ kind: "current", token: token(100) });
    const response = await liveClaimsProxy(cookieRequest("/reports"));
    expect(response.headers.get("X-Permissions-Updated")).toBe("100");
    expect(sessionSetCookie(response)).toBeUndefined();
  });

  it("rebuilt: the new cookie on the response and on this request, and the new stamp", async () => {
    answer({ kind: "rebuilt", token: token(200) });
    const response = await liveClaimsProxy(cookieRequest("/reports"));
    expect(sessionSetCookie(response)).toMatch(/^next-auth\.session-token=new-cookie;.*Max-Age=600/);
    expect(sessionSetCookie(response)).toMatch(/HttpOnly/i);
    expect(response.headers.get("x-middleware-request-cookie")).toContain(`${COOKIE}=new-cookie`);
    expect(response.headers.get("x-middleware-request-cookie")).toContain("other=1");
    expect(response.headers.get("X-Permissions-Updated")).toBe("200");
  });

  it("refused: the cookie is cleared for the browser and gone from this request", async () => {
    answer({ kind: "refused", reason: "user is disabled" });
    const response = await liveClaimsProxy(cookieRequest("/reports"));
    expect(sessionSetCookie(response)).toMatch(/^next-auth\.session-token=;/);
    expect(response.headers.get("x-middleware-request-cookie")).not.toContain(COOKIE);
    expect(response.headers.get("X-Permissions-Updated")).toBeNull();
  });

  it("a check that cannot run: 503, logged, nothing passed on", async () => {
    answer(new Error("database down"));
    const response = await liveClaimsProxy(cookieRequest("/reports"));
    expect(response.status).toBe(503);
    expect(response.headers.get("x-middleware-next")).toBeNull();
    expect(stubs.logUnavailable).toHaveBeenCalledWith("proxy", expect.any(Error));
  });
});

describe("refreshSession", () => {
  it("says which session it saw, and finish() writes only what that session needs", async () => {
    answer({ kind: "rebuilt", token: token(300) });
    const req = cookieRequest("/reports");
    const session = await refreshSession(req);
    expect(session).toMatchObject({ kind: "rebuilt", token: token(300) });
    // The request already carries the new cookie, before any response is built.
    expect(req.cookies.get(COOKIE)?.value).toBe("new-cookie");
    expect(stubs.decode).toHaveBeenCalledWith("old-cookie", expect.any(String));
  });
});
