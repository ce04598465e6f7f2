import { describe, expect, it } from "vitest";
import {
  isPermission,
  ORGANIZATION_PERMISSIONS,
  PERMISSIONS,
  permissionsByArea,
  scopeOf,
} from "@/lib/permissions/catalogue";
import { hasAllPermissions, hasAnyPermission, hasPermission } from "@/lib/permissions/check";
import { catalogueFingerprint, packPermissions, unpackPermissions } from "@/lib/permissions/pack";

describe("permission catalogue", () => {
  it("holds the permissions the app relies on, each once", () => {
    for (const p of [
      "reports.read",
      "reports.export",
      "users.read",
      "users.manage",
      "roles.manage",
      "audit.read",
    ]) {
      expect(PERMISSIONS).toContain(p);
    }
    expect(new Set(PERMISSIONS).size).toBe(PERMISSIONS.length);
  });

  it("names every permission <area>.<action> in lower case", () => {
    for (const p of PERMISSIONS) expect(p).toMatch(/^[a-z]+\.[a-z]+$/);
  });

  it("recognises catalogue names only", () => {
    expect(isPermission("reports.read")).toBe(true);
    expect(isPermission("reports.delete")).toBe(false);
    expect(isPermission("")).toBe(false);
  });

  it("groups permissions by area", () => {
    const areas = permissionsByArea(["reports.read", "audit.read", "reports.export"]);
    expect([...areas]).toEqual([
      ["reports", ["reports.read", "reports.export"]],
      ["audit", ["audit.read"]],
    ]);
    // The whole catalogue: each permission once, under the part before its dot (a new one included).
    const grouped = [...permissionsByArea()];
    expect(grouped.flatMap(([, ps]) => ps).sort()).toEqual([...PERMISSIONS].sort());
    for (const [area, ps] of grouped) for (const p of ps) expect(p.startsWith(`${area}.`), p).toBe(true);
  });
});

describe("permission checks", () => {
  const editor = { permissions: ["reports.read", "reports.export"] as const, globalPermissions: [] };

  it("grants only what is held", () => {
    expect(hasPermission(editor, "reports.read")).toBe(true);
    expect(hasPermission(editor, "users.manage")).toBe(false);
    expect(hasPermission({ permissions: [], globalPermissions: [] }, "reports.read")).toBe(false);
  });

  it("checks all-of and any-of", () => {
    expect(hasAllPermissions(editor, ["reports.read", "reports.export"])).toBe(true);
    expect(hasAllPermissions(editor, ["reports.read", "audit.read"])).toBe(false);
    expect(hasAnyPermission(editor, ["audit.read", "reports.export"])).toBe(true);
    expect(hasAnyPermission(editor, ["audit.read"])).toBe(false);
  });
});

describe("packed permissions", () => {
  const big = Array.from({ length: 100 }, (_, i) => `area${i % 10}.action${i}`);

  it("round-trips any subset in catalogue order", () => {
    const subset = ["roles.manage", "reports.read"];
    expect(unpackPermissions(packPermissions(subset, PERMISSIONS), PERMISSIONS)).toEqual([
      "reports.read",
      "roles.manage",
    ]);
    expect(unpackPermissions(packPermissions([], PERMISSIONS), PERMISSIONS)).toEqual([]);
    expect(unpackPermissions(packPermissions(PERMISSIONS, PERMISSIONS), PERMISSIONS)).toEqual([
      ...PERMISSIONS,
    ]);
  });

  it("packs 100 permissions into 18 characters", () => {
    const packed = packPermissions(big, big);
    expect(packed.length).toBe(18);
    expect(unpackPermissions(packed, big)).toEqual(big);
  });

  it("ignores names that are not in the catalogue", () => {
    expect(unpackPermissions(packPermissions(["nope.nope", "audit.read"], PERMISSIONS), PERMISSIONS)).toEqual(
      ["audit.read"],
    );
  });

  it("fingerprints the catalogue so reordered or changed catalogues are detected", () => {
    expect(catalogueFingerprint(PERMISSIONS)).toBe(catalogueFingerprint([...PERMISSIONS]));
    expect(catalogueFingerprint(PERMISSIONS)).not.toBe(catalogueFingerprint([...PERMISSIONS].reverse()));
    expect(catalogueFingerprint(PERMISSIONS)).not.toBe(catalogueFingerprint([...PERMISSIONS, "x.y"]));
  });
});

describe("where a permission counts", () => {
  // A member whose organization role somehow lists platform permissions: they sit in
  // the organization's list but were never granted on the platform.
  const member = { permissions: [...PERMISSIONS], globalPermissions: [] };

  it("a platform permission counts from a global grant only", () => {
    for (const p of PERMISSIONS.filter((p) => scopeOf(p) === "platform")) {
      expect(hasPermission(member, p), p).toBe(false);
      expect(hasPermission({ permissions: [], globalPermissions: [p] }, p), p).toBe(true);
    }
    expect(hasAnyPermission(member, ["users.manage", "audit.read"])).toBe(false);
  });

  it("an organization permission counts in the organization's list", () => {
    for (const p of ORGANIZATION_PERMISSIONS) expect(hasPermission(member, p), p).toBe(true);
  });

  it("the platform keeps users, roles and the audit log; organizations get reports and members", () => {
    expect(PERMISSIONS.filter((p) => scopeOf(p) === "platform")).toEqual([
      "users.read",
      "users.manage",
      "roles.manage",
      "audit.read",
    ]);
    expect(ORGANIZATION_PERMISSIONS).toEqual(["reports.read", "reports.export", "members.manage"]);
  });
});
