// Claims as read from one database row (stubbed), and who may continue.
import { describe, expect, it, vi } from "vitest";
import {
  actorFromClaims,
  CATALOGUE_FINGERPRINT,
  loadClaims,
  refusalReason,
  type UserClaims,
} from "@/lib/auth/claims";
import { organizationChosenAtOf, withClaims } from "@/lib/auth/token";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { PERMISSIONS } from "@/lib/permissions/catalogue";
import { packPermissions } from "@/lib/permissions/pack";
import { organizationClaims } from "@/lib/tenancy/claims-extension";

function prismaReturning(rows: unknown[]) {
  const queryRaw = vi.fn<(...args: unknown[]) => Promise<unknown[]>>(async () => rows);
  /** The parameters of the n-th statement, the extension's fragment composed in as Prisma composes it. */
  const parameters = (n = 0) => {
    const [strings, ...values] = queryRaw.mock.calls[n]! as [TemplateStringsArray, ...unknown[]];
    return Prisma.sql(strings, ...values).values;
  };
  return { prisma: { $queryRaw: queryRaw } as unknown as PrismaClient, queryRaw, parameters };
}

const row = {
  id: "u1",
  email: "u1@example.test",
  name: "U One",
  permissionsUpdatedAt: new Date(1000),
  disabledAt: null,
  sessionsRevokedAt: null,
  roles: ["Zeta", "Alpha"],
  permissions: ["users.read", "reports.read", "not.in.catalogue"],
  grantExp: null,
};

describe("loadClaims", () => {
  it("one row: roles sorted, permissions in catalogue order (unknown ones dropped), packed, with the row's permissionsUpdatedAt", async () => {
    const { prisma, parameters } = prismaReturning([row]);
    const claims = await loadClaims(prisma, "u1", 5000, null, null);
    expect(claims).toEqual({
      userId: "u1",
      email: "u1@example.test",
      name: "U One",
      roles: ["Alpha", "Zeta"],
      permissions: ["reports.read", "users.read"],
      globalPermissions: ["reports.read", "users.read"],
      perms: packPermissions(["reports.read", "users.read"], PERMISSIONS),
      globalPerms: packPermissions(["reports.read", "users.read"], PERMISSIONS),
      cat: CATALOGUE_FINGERPRINT,
      permissionsUpdatedAt: 1000,
      grantExp: null,
      organization: null,
      disabledAt: null,
      sessionsRevokedAt: null,
    });
    // "Now" (for grants that ended) and the user id are parameters of the one query.
    expect(parameters()).toEqual([new Date(5000), "u1"]);
    expect(row.roles).toEqual(["Zeta", "Alpha"]);
  });

  it("a membership adds its organization permissions there, and never a platform one", async () => {
    const membership = {
      id: "o1",
      slug: "acme",
      name: "Acme",
      role: "Rogue",
      permissions: ["users.manage", "roles.manage", "audit.read", "members.manage", "reports.export"],
      expiresAt: null,
    };
    const scoped = { ...row, scope: { memberships: [membership], requested: null } };
    const { prisma, parameters } = prismaReturning([scoped]);
    const claims = await loadClaims(prisma, "u1", 5000, "o1", organizationClaims);
    expect(claims?.organization).toEqual({ id: "o1", slug: "acme", name: "Acme" });
    expect(claims?.permissions).toEqual(["reports.read", "reports.export", "users.read", "members.manage"]);
    expect(claims?.globalPermissions).toEqual(["reports.read", "users.read"]);
    expect(claims?.globalPerms).toBe(packPermissions(["reports.read", "users.read"], PERMISSIONS));
    // The extension's column reads the same snapshot: "now" and the organization asked for are its parameters.
    expect(parameters()).toEqual([new Date(5000), "o1", new Date(5000), "u1"]);

    // Without the extension the core knows no organization: the same row grants the global roles only.
    const alone = await loadClaims(prismaReturning([scoped]).prisma, "u1", 5000, "o1", null);
    expect(alone?.organization).toBeNull();
    expect(alone?.permissions).toEqual(["reports.read", "users.read"]);
  });

  it("by default, the extension the app configured (lib/live-claims.ts): organizations count", async () => {
    const membership = {
      id: "o1",
      slug: "acme",
      name: "Acme",
      role: "Editor",
      permissions: ["reports.export"],
    };
    const scoped = { ...row, scope: { memberships: [{ ...membership, expiresAt: null }], requested: null } };
    const claims = await loadClaims(prismaReturning([scoped]).prisma, "u1", 5000, "o1");
    expect(claims?.organization).toEqual({ id: "o1", slug: "acme", name: "Acme" });
    expect(claims?.permissions).toContain("reports.export");
  });

  it("dates become milliseconds; no row means no user", async () => {
    const { prisma } = prismaReturning([
      { ...row, grantExp: new Date(3000), disabledAt: new Date(4000), sessionsRevokedAt: new Date(2000) },
    ]);
    expect(await loadClaims(prisma, "u1", 1, null, null)).toMatchObject({
      grantExp: 3000,
      disabledAt: 4000,
      sessionsRevokedAt: 2000,
    });
    expect(await loadClaims(prismaReturning([]).prisma, "gone", 1)).toBeNull();
  });
});

describe("refusalReason", () => {
  const claims = (overrides: Partial<UserClaims>): UserClaims => ({
    userId: "u1",
    email: "e",
    name: "n",
    roles: [],
    permissions: [],
    globalPermissions: [],
    perms: "",
    globalPerms: "",
    cat: "",
    permissionsUpdatedAt: 1,
    grantExp: null,
    disabledAt: null,
    sessionsRevokedAt: null,
    ...overrides,
  });

  it("no user, a disabled user, a session signed in at or before a revocation: refused", () => {
    expect(refusalReason(null, 10)).toBe("user no longer exists");
    expect(refusalReason(claims({ disabledAt: 0 }), 10)).toBe("user is disabled");
    expect(refusalReason(claims({ sessionsRevokedAt: 10 }), 10)).toBe("session was revoked");
    expect(refusalReason(claims({ sessionsRevokedAt: 11 }), 10)).toBe("session was revoked");
  });

  it("a session signed in after the revocation, or with none: may continue", () => {
    expect(refusalReason(claims({ sessionsRevokedAt: 9 }), 10)).toBeNull();
    expect(refusalReason(claims({}), 10)).toBeNull();
  });

  it("the actor is the claims' identity and permissions, nothing else", () => {
    const c = claims({ roles: ["R"], permissions: ["reports.read"], disabledAt: 5 });
    expect(actorFromClaims(c)).toEqual({
      id: "u1",
      email: "e",
      name: "n",
      roles: ["R"],
      permissions: ["reports.read"],
      globalPermissions: [],
    });
  });

  it("withClaims keeps the session's sign-in time, and sets it when there is none", () => {
    const c = claims({ roles: ["R"], permissionsUpdatedAt: 7, grantExp: 9 });
    expect(withClaims({ authAt: 3, extra: "kept" }, c)).toMatchObject({
      sub: "u1",
      authAt: 3,
      extra: "kept",
      permsAt: 7,
      grantExp: 9,
    });
    expect(
      withClaims({ authAt: 3, roles: ["old"] }, c),
      "role names never travel in the token",
    ).not.toHaveProperty("roles");
    const before = Date.now();
    expect(withClaims({}, c).authAt).toBeGreaterThanOrEqual(before);
  });

  it("a rebuild keeps when the organization was chosen (a switch); without a switch it is the sign-in", () => {
    const c = claims({ roles: ["R"], permissionsUpdatedAt: 7, grantExp: 9 });
    const switched = withClaims({ authAt: 3, orgAt: 5 }, c);
    expect(organizationChosenAtOf(switched)).toBe(5);
    expect(organizationChosenAtOf(withClaims(switched, { ...c, permissionsUpdatedAt: 8 }))).toBe(5);
    expect(organizationChosenAtOf(withClaims({ authAt: 3 }, c))).toBe(3);
  });
});
