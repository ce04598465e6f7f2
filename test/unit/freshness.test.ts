import { describe, expect, it, vi } from "vitest";
import { CATALOGUE_FINGERPRINT, type UserClaims } from "@/lib/auth/claims";
import { ensureFreshClaims, type FreshnessDeps } from "@/lib/auth/freshness";
import type { AuthToken } from "@/lib/auth/token";
import { PERMISSIONS } from "@/lib/permissions/catalogue";
import { packPermissions } from "@/lib/permissions/pack";

const NOW = 1_800_000_000_000;
const LIFETIME_SECONDS = 30 * 24 * 3600;

function claims(overrides: Partial<UserClaims> = {}): UserClaims {
  const permissions = overrides.permissions ?? ["reports.read"];
  return {
    userId: "u1",
    email: "u1@example.test",
    name: "U One",
    roles: ["Editor"],
    permissions,
    globalPermissions: permissions,
    perms: packPermissions(permissions, PERMISSIONS),
    globalPerms: packPermissions(permissions, PERMISSIONS),
    cat: CATALOGUE_FINGERPRINT,
    permissionsUpdatedAt: NOW - 1000,
    grantExp: null,
    disabledAt: null,
    sessionsRevokedAt: null,
    ...overrides,
  };
}

function token(overrides: Partial<AuthToken> = {}): AuthToken {
  const c = claims();
  return {
    sub: "u1",
    authAt: NOW - 60_000,
    perms: c.perms,
    cat: c.cat,
    permsAt: c.permissionsUpdatedAt,
    grantExp: null,
    ...overrides,
  };
}

function deps(stamp: number | null, loaded: UserClaims | null, overrides: Partial<FreshnessDeps> = {}) {
  const read = vi.fn(async () => stamp);
  const loadClaims = vi.fn(async () => loaded);
  return {
    read,
    loadClaims,
    deps: {
      mode: "cached" as const,
      now: NOW,
      lifetimeSeconds: LIFETIME_SECONDS,
      stamps: { read },
      loadClaims,
      ...overrides,
    } satisfies FreshnessDeps,
  };
}

describe("ensureFreshClaims", () => {
  it("keeps the token when the stamp matches: one stamp read, no claims query", async () => {
    const t = token();
    const d = deps(t.permsAt, claims());
    expect(await ensureFreshClaims(t, d.deps)).toEqual({ kind: "current", token: t });
    expect(d.read).toHaveBeenCalledWith("u1");
    expect(d.loadClaims).not.toHaveBeenCalled();
  });

  it("rebuilds when the stamp moved, with the stamp read alongside the permissions", async () => {
    const fresh = claims({ permissions: [], roles: ["Viewer"], permissionsUpdatedAt: NOW - 10 });
    const d = deps(NOW - 10, fresh);
    const result = await ensureFreshClaims(token(), d.deps);
    expect(result.kind).toBe("rebuilt");
    if (result.kind !== "rebuilt") return;
    expect(result.token).toMatchObject({ perms: fresh.perms, permsAt: NOW - 10, sub: "u1" });
    expect(result.token).not.toHaveProperty("roles"); // role names never travel in the token
    expect(result.token.authAt).toBe(NOW - 60_000); // the session's sign-in time is kept
  });

  it("treats any difference as stale, also an older stamp in the database", async () => {
    const d = deps(NOW - 5000, claims({ permissionsUpdatedAt: NOW - 5000 }));
    expect((await ensureFreshClaims(token(), d.deps)).kind).toBe("rebuilt");
  });

  it("rebuilds at the instant a time-bound grant expires, without any database write", async () => {
    const t = token({ grantExp: NOW });
    const d = deps(t.permsAt, claims({ permissions: [] }));
    const result = await ensureFreshClaims(t, d.deps);
    expect(result.kind).toBe("rebuilt");
    expect(d.loadClaims).toHaveBeenCalledWith("u1", NOW, null);
    const before = deps(t.permsAt, claims());
    expect((await ensureFreshClaims(t, { ...before.deps, now: NOW - 1 })).kind).toBe("current");
  });

  it("rebuilds tokens packed against another catalogue", async () => {
    const d = deps(token().permsAt, claims());
    expect((await ensureFreshClaims(token({ cat: "other" }), d.deps)).kind).toBe("rebuilt");
  });

  it("refuses disabled users, deleted users and sessions older than a revocation", async () => {
    const t = token();
    expect(await ensureFreshClaims(t, deps(1, claims({ disabledAt: NOW - 1 })).deps)).toEqual({
      kind: "refused",
      reason: "user is disabled",
    });
    expect(await ensureFreshClaims(t, deps(null, null).deps)).toEqual({
      kind: "refused",
      reason: "user no longer exists",
    });
    expect(await ensureFreshClaims(t, deps(2, claims({ sessionsRevokedAt: t.authAt + 1 })).deps)).toEqual({
      kind: "refused",
      reason: "session was revoked",
    });
    // A session that signed in after the revocation is fine.
    const later = await ensureFreshClaims(t, deps(3, claims({ sessionsRevokedAt: t.authAt - 1 })).deps);
    expect(later.kind).toBe("rebuilt");
  });

  it("does nothing at all in mode off", async () => {
    const d = deps(123, claims());
    expect((await ensureFreshClaims(token(), { ...d.deps, mode: "off" })).kind).toBe("current");
    expect(d.read).not.toHaveBeenCalled();
  });

  it("refuses a session older than its absolute lifetime, in every mode, without reading anything", async () => {
    const lifetimeMs = LIFETIME_SECONDS * 1000;
    for (const mode of ["cached", "strict", "off"] as const) {
      const old = token({ authAt: NOW - lifetimeMs });
      const d = deps(old.permsAt, claims(), { mode });
      expect(await ensureFreshClaims(old, d.deps), mode).toEqual({
        kind: "refused",
        reason: "session reached its absolute lifetime",
      });
      expect(d.read).not.toHaveBeenCalled();
      expect(d.loadClaims).not.toHaveBeenCalled();
      // One millisecond younger, and the same session is still fine.
      const young = token({ authAt: NOW - lifetimeMs + 1 });
      expect((await ensureFreshClaims(young, deps(young.permsAt, claims(), { mode }).deps)).kind).toBe(
        "current",
      );
    }
  });

  it("counts the lifetime from sign-in, however recently the session was refreshed", async () => {
    // Rebuilt a second ago (fresh stamp), but signed in 31 days ago: still refused.
    const t = token({ authAt: NOW - 31 * 24 * 3600 * 1000, permsAt: NOW - 1000 });
    const d = deps(t.permsAt, claims({ permissionsUpdatedAt: NOW - 1000 }));
    expect((await ensureFreshClaims(t, d.deps)).kind).toBe("refused");
    // A shorter configured lifetime is honoured.
    const recent = token({ authAt: NOW - 2 * 3600 * 1000 });
    const short = deps(recent.permsAt, claims(), { lifetimeSeconds: 3600 });
    expect((await ensureFreshClaims(recent, short.deps)).kind).toBe("refused");
  });
});

describe("the modes that trade exactness for fewer reads (AUTH_FRESHNESS)", () => {
  const current = () => token({ gperms: claims().globalPerms, bAt: NOW - 10_000 });
  const revoked = () => claims({ permissions: [], permissionsUpdatedAt: NOW - 10 });

  it("reauth: a change to the permissions ends the session; a stamp moved by anything else only restamps", async () => {
    const changed = deps(NOW - 10, revoked(), { mode: "reauth" });
    expect(await ensureFreshClaims(current(), changed.deps)).toEqual({
      kind: "refused",
      reason: "permissions changed: sign in again",
    });
    const sameGrants = deps(NOW - 10, claims({ permissionsUpdatedAt: NOW - 10 }), { mode: "reauth" });
    const restamped = await ensureFreshClaims(current(), sameGrants.deps);
    expect(restamped).toMatchObject({ kind: "rebuilt", token: { permsAt: NOW - 10, bAt: NOW } });
    const unchanged = deps(NOW - 1000, revoked(), { mode: "reauth" });
    expect(await ensureFreshClaims(current(), unchanged.deps)).toEqual({ kind: "current", token: current() });
    expect(unchanged.loadClaims).not.toHaveBeenCalled();
  });

  it("lazy: a session's stamp is compared at most once per interval; in between its claims are trusted", async () => {
    const times = new Map<string, number>();
    const checks = {
      lastCheck: (key: string) => times.get(key),
      checked: (key: string, at: number) => times.set(key, at),
    };
    const at = (now: number) => deps(NOW - 10, revoked(), { mode: "lazy", intervalMs: 60_000, checks, now });

    const first = at(NOW);
    expect(await ensureFreshClaims(current(), first.deps)).toMatchObject({ kind: "rebuilt" });
    expect(first.read).toHaveBeenCalledTimes(1);
    // The old token again, 59.999 s later: trusted, nothing read.
    const soon = at(NOW + 59_999);
    expect(await ensureFreshClaims(current(), soon.deps)).toEqual({ kind: "current", token: current() });
    expect(soon.read).not.toHaveBeenCalled();
    // Once the interval has passed it is compared again, and rebuilt.
    const later = at(NOW + 60_000);
    expect(await ensureFreshClaims(current(), later.deps)).toMatchObject({
      kind: "rebuilt",
      token: { perms: revoked().perms },
    });
    expect(later.read).toHaveBeenCalledTimes(1);
    // Each session has its own time.
    const other = at(NOW + 60_001);
    await ensureFreshClaims(token({ ...current(), sid: "another" }), other.deps);
    expect(other.read).toHaveBeenCalledTimes(1);
  });

  it("short: claims are trusted until their lifetime runs out, then rebuilt whether or not anything changed", async () => {
    const within = deps(NOW - 10, revoked(), { mode: "short", intervalMs: 60_000, now: NOW + 49_999 });
    expect(await ensureFreshClaims(current(), within.deps)).toEqual({ kind: "current", token: current() });
    expect(within.read).not.toHaveBeenCalled();
    expect(within.loadClaims).not.toHaveBeenCalled();

    const nothingChanged = deps(NOW - 1000, claims(), {
      mode: "short",
      intervalMs: 60_000,
      now: NOW + 50_000,
    });
    const rebuilt = await ensureFreshClaims(current(), nothingChanged.deps);
    expect(rebuilt).toMatchObject({ kind: "rebuilt", token: { bAt: NOW + 50_000, perms: claims().perms } });
    expect(nothingChanged.read).not.toHaveBeenCalled();
    // A token from before claims carried their build time is rebuilt at once.
    const old = deps(NOW - 1000, claims(), { mode: "short", intervalMs: 60_000 });
    expect(await ensureFreshClaims(token(), old.deps)).toMatchObject({ kind: "rebuilt" });
  });

  it("in every mode but off, an ended time-bound grant rebuilds at once, without waiting for the interval", async () => {
    for (const mode of ["lazy", "short"] as const) {
      const ended = token({ ...current(), grantExp: NOW - 1 });
      const run = deps(NOW - 1000, claims(), { mode, intervalMs: 60_000, checks: undefined });
      expect(await ensureFreshClaims(ended, run.deps)).toMatchObject({
        kind: "rebuilt",
        token: { grantExp: null },
      });
    }
  });
});
