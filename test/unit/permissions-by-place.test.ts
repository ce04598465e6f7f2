import { describe, expect, it } from "vitest";
import { permissionsByPlace } from "@/lib/admin/places";

const acme = { id: "o1", slug: "acme", name: "Acme" };
const globex = { id: "o2", slug: "globex", name: "Globex" };

describe("permissionsByPlace", () => {
  it("a member only: each organization with what her memberships count there, no platform", () => {
    expect(
      permissionsByPlace([
        { organization: acme, permissions: ["reports.export", "reports.read"] },
        { organization: globex, permissions: [] },
      ]),
    ).toEqual([
      { organization: acme, permissions: ["reports.read", "reports.export"] },
      { organization: globex, permissions: [] },
    ]);
  });

  it("a membership counts its organization permissions only; a global role counts everywhere", () => {
    expect(
      permissionsByPlace([
        { organization: null, permissions: ["users.read", "reports.read"] },
        { organization: acme, permissions: ["users.manage", "members.manage"] },
      ]),
    ).toEqual([
      { organization: null, permissions: ["reports.read", "users.read"] },
      { organization: acme, permissions: ["reports.read", "members.manage"] },
    ]);
  });

  it("no grant, no place", () => {
    expect(permissionsByPlace([{ organization: null, permissions: [] }])).toEqual([]);
  });
});
