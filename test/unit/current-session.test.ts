// readFreshSession (lib/auth/session.ts, through freshSessionOf in
// lib/auth/fresh-session.ts) on its own: the cookie store, the codec and the
// freshness decision (ensureFreshClaims) are stubbed; AUTH_FRESHNESS is off,
// so nothing else is reached.
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { AuthToken } from "@/lib/auth/token";

const stubs = vi.hoisted(() => ({
  cookie: undefined as string | undefined,
  get: vi.fn<(name: string) => { value: string } | undefined>(),
  refreshToken: vi.fn<(token: unknown) => Promise<unknown>>(),
  decode: vi.fn<(value: string | undefined, secret: string) => Promise<unknown>>(),
}));
vi.mock("next/headers", () => ({ cookies: async () => ({ get: stubs.get }) }));
vi.mock("@/lib/auth/freshness", () => ({ ensureFreshClaims: stubs.refreshToken }));
vi.mock("@/lib/auth/session-cookie", async (original) => ({
  ...(await original<object>()),
  decodeSessionToken: stubs.decode,
}));
vi.mock("@/lib/auth/config", async (original) => ({
  ...(await original<object>()),
  authConfig: () => ({
    authSecret: "secret",
    secureCookies: false,
    freshness: "off",
    sessionLifetimeSeconds: 60,
  }),
}));

const { readFreshSession } = await import("@/lib/auth/session");

const token = (permsAt: number): AuthToken => ({
  sub: "u1",
  authAt: 1,
  roles: [],
  perms: "0",
  cat: "cat",
  permsAt,
  grantExp: null,
});

beforeEach(() => {
  vi.clearAllMocks();
  stubs.get.mockImplementation((name) =>
    name === "next-auth.session-token" && stubs.cookie ? { value: stubs.cookie } : undefined,
  );
  stubs.decode.mockImplementation(async (value) => (value === "good" ? token(100) : null));
  stubs.cookie = "good";
});

describe("readFreshSession", () => {
  it("signed out: null, and nothing is checked", async () => {
    stubs.cookie = undefined;
    expect(await readFreshSession()).toBeNull();
    expect(stubs.decode).toHaveBeenCalledWith(undefined, expect.any(String));
    expect(stubs.refreshToken).not.toHaveBeenCalled();
  });

  it("a cookie the codec refuses: null, and nothing is checked", async () => {
    stubs.cookie = "tampered";
    expect(await readFreshSession()).toBeNull();
    expect(stubs.refreshToken).not.toHaveBeenCalled();
  });

  it("refused (revoked, disabled, deleted): null", async () => {
    stubs.refreshToken.mockResolvedValue({ kind: "refused", reason: "session was revoked" });
    expect(await readFreshSession()).toBeNull();
    expect(stubs.refreshToken).toHaveBeenCalledWith(token(100), expect.objectContaining({ mode: "off" }));
  });

  it("rebuilt: the rebuilt claims, not the cookie's", async () => {
    stubs.refreshToken.mockResolvedValue({ kind: "rebuilt", token: token(200) });
    expect(await readFreshSession()).toEqual(token(200));
  });

  it("current: the cookie's claims", async () => {
    stubs.refreshToken.mockResolvedValue({ kind: "current", token: token(100) });
    expect(await readFreshSession()).toEqual(token(100));
  });

  it("a check that throws propagates, so callers fail closed (503)", async () => {
    stubs.refreshToken.mockRejectedValue(new Error("database down"));
    await expect(readFreshSession()).rejects.toThrow("database down");
  });
});
