import { describe, expect, it, vi } from "vitest";
import { CATALOGUE_FINGERPRINT } from "@/lib/auth/claims";
import { sessionCookieName } from "@/lib/auth/session-cookie";
import { decodeSessionToken, encodeSessionToken } from "@/lib/auth/session-token";
import type { AuthToken } from "@/lib/auth/token";
import { packPermissions } from "@/lib/permissions/pack";

const SECRET = "unit-test-secret-that-is-long-enough-to-use";

// next-auth splits cookies over ~3.9 KB into chunks; ours must stay far below.
const CHUNK_LIMIT = 3933;

function tokenWith(permissionCount: number, roleCount: number): AuthToken {
  const catalogue = Array.from({ length: permissionCount }, (_, i) => `area${i % 12}.action${i}`);
  return {
    sub: "cmwrj6n6d00044j7dxqnzqo2p",
    name: "A Person With A Fairly Long Display Name",
    email: "a.person.with.a.long.address@example-company.com",
    authAt: Date.now(),
    roles: Array.from({ length: roleCount }, (_, i) => `Role number ${i}`),
    perms: packPermissions(catalogue, catalogue),
    cat: CATALOGUE_FINGERPRINT,
    permsAt: Date.now(),
    grantExp: Date.now() + 3_600_000,
  };
}

describe("session token", () => {
  it("with 100 permissions the cookie stays under 2 KB and is never chunked", async () => {
    const value = await encodeSessionToken(tokenWith(100, 5), SECRET);
    const cookie = `${sessionCookieName(true)}=${value}`;
    expect(cookie.length).toBeLessThan(2048);
    expect(cookie.length).toBeLessThan(CHUNK_LIMIT);
  });

  it("round-trips, and refuses a tampered token or another secret", async () => {
    const original = tokenWith(6, 1);
    const value = await encodeSessionToken(original, SECRET);
    expect(await decodeSessionToken(value, SECRET)).toMatchObject({
      sub: original.sub,
      perms: original.perms,
    });
    const tampered = value.slice(0, -4) + (value.endsWith("AAAA") ? "BBBB" : "AAAA");
    expect(await decodeSessionToken(tampered, SECRET)).toBeNull();
    expect(await decodeSessionToken(value, `${SECRET}-other`)).toBeNull();
    expect(await decodeSessionToken(undefined, SECRET)).toBeNull();
    expect(await decodeSessionToken("garbage", SECRET)).toBeNull();
  });

  it("refuses a token past its expiry", async () => {
    const value = await encodeSessionToken(tokenWith(6, 1), SECRET);
    vi.useFakeTimers({ now: Date.now() + 31 * 24 * 3600 * 1000 });
    try {
      expect(await decodeSessionToken(value, SECRET)).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });

  it("uses the __Secure- cookie name only on secure deployments", () => {
    expect(sessionCookieName(true)).toBe("__Secure-next-auth.session-token");
    expect(sessionCookieName(false)).toBe("next-auth.session-token");
  });
});
