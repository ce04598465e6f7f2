import { describe, expect, it, vi } from "vitest";
import { CATALOGUE_FINGERPRINT, type UserClaims } from "@/lib/auth/claims";
import {
  decodeSessionToken,
  encodeSessionToken,
  sessionCookieName,
  sessionCookieOptions,
} from "@/lib/auth/session-cookie";
import { type AuthToken, withClaims } from "@/lib/auth/token";
import { type Permission, PERMISSIONS } from "@/lib/permissions/catalogue";
import { packPermissions } from "@/lib/permissions/pack";
import { MAX_ORGANIZATION_NAME_LENGTH, MAX_SLUG_LENGTH } from "@/lib/validations/organization";

const SECRET = "unit-test-secret-that-is-long-enough-to-use";

// next-auth splits a cookie value longer than this (its CHUNK_SIZE: 4096 minus
// the estimated attributes) into `.0`, `.1`… cookies, which nothing here reads.
const CHUNK_LIMIT = 3933;

/** A role name of exactly 50 characters. */
const roleName = (i: number) =>
  `Regional compliance reviewer, district ${String(i).padStart(3, "0")}`.padEnd(50, ".");

/** The claims of a user with `roleCount` roles, as loadClaims returns them. */
function claimsWith(permissions: readonly Permission[], roleCount: number): UserClaims {
  return {
    userId: "cmwrj6n6d00044j7dxqnzqo2p",
    name: "A Person With A Fairly Long Display Name",
    email: "a.person.with.a.long.address@example-company.com",
    roles: Array.from({ length: roleCount }, (_, i) => roleName(i)),
    permissions: [...permissions],
    globalPermissions: [...permissions],
    perms: packPermissions(permissions, PERMISSIONS),
    globalPerms: packPermissions(permissions, PERMISSIONS),
    cat: CATALOGUE_FINGERPRINT,
    permissionsUpdatedAt: Date.now(),
    grantExp: Date.now() + 3_600_000,
    // The active organization at the longest slug and name the forms accept (ids: 36-character uuids).
    organization: {
      id: "6f1c2a0e-8d5b-4c3e-9a7f-1b2c3d4e5f60",
      slug: "s".repeat(MAX_SLUG_LENGTH),
      name: "N".repeat(MAX_ORGANIZATION_NAME_LENGTH),
    },
    disabledAt: null,
    sessionsRevokedAt: null,
  };
}

/** The token the sign-in callback builds from those claims. */
function tokenWith(roleCount: number, permissions: readonly Permission[] = PERMISSIONS): AuthToken {
  return withClaims({ authAt: Date.now() }, claimsWith(permissions, roleCount));
}

/** The Set-Cookie header the proxy would send for this value. */
function setCookieHeader(value: string, maxAge: number): string {
  const options = sessionCookieOptions(true);
  return `${sessionCookieName(true)}=${value}; Path=${options.path}; Max-Age=${maxAge}; HttpOnly; Secure; SameSite=Lax`;
}

describe("session token", () => {
  it("for a user with 100 roles of 50 characters stays one cookie under 3 KB", async () => {
    expect(roleName(99)).toHaveLength(50);
    const { value, maxAge } = await encodeSessionToken(tokenWith(100), SECRET);
    expect(value.length).toBeLessThanOrEqual(CHUNK_LIMIT); // next-auth would not chunk it
    expect(setCookieHeader(value, maxAge).length).toBeLessThan(3072);
    // The size does not depend on the roles at all: 1 role or 100, the same cookie length.
    const { value: oneRole } = await encodeSessionToken(tokenWith(1), SECRET);
    expect(Math.abs(value.length - oneRole.length)).toBeLessThanOrEqual(4); // base64 rounding only
    expect(await decodeSessionToken(value, SECRET)).not.toHaveProperty("roles");
  });

  it("drops the role names an older token carried when it is rebuilt", () => {
    const legacy = { authAt: Date.now(), roles: ["Editor", "Viewer"] };
    expect(withClaims(legacy, claimsWith([], 2))).not.toHaveProperty("roles");
  });

  it("round-trips, and refuses a tampered token or another secret", async () => {
    const original = tokenWith(1, ["reports.read"]);
    const { value } = await encodeSessionToken(original, SECRET);
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
    const { value } = await encodeSessionToken(tokenWith(1, ["reports.read"]), SECRET);
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
