import { describe, expect, it } from "vitest";
import { type MembershipRow, pickOrganization } from "@/lib/tenancy/organization-choice";

const acme = { id: "o-acme", slug: "acme", name: "Acme" };
const globex = { id: "o-globex", slug: "globex", name: "Globex" };
const other = { id: "o-other", slug: "other", name: "Other" };

const member = (
  org: typeof acme,
  role: string,
  permissions: string[],
  expiresAt: number | string | null = null,
): MembershipRow => ({ ...org, role, permissions, expiresAt });

const mia = [member(globex, "Viewer", []), member(acme, "Editor", ["reports.read", "reports.export"])];

describe("pickOrganization (the tenant key)", () => {
  it("at sign-in: the first membership by slug, with that organization's roles and permissions", () => {
    expect(
      pickOrganization({ memberships: mia, requestedId: null, requested: null, platformAdmin: false }),
    ).toEqual({
      organization: acme,
      roles: ["Editor"],
      permissions: ["reports.read", "reports.export"],
      expiresAt: null,
    });
  });

  it("keeps the organization asked for while the user is a member, with only its roles", () => {
    const choice = pickOrganization({
      memberships: mia,
      requestedId: globex.id,
      requested: globex,
      platformAdmin: false,
    });
    expect(choice).toEqual({ organization: globex, roles: ["Viewer"], permissions: [], expiresAt: null });
  });

  it("a membership gone (removed, ended, organization deleted): another one, or none", () => {
    const onlyGlobex = [member(globex, "Viewer", [])];
    expect(
      pickOrganization({
        memberships: onlyGlobex,
        requestedId: acme.id,
        requested: acme,
        platformAdmin: false,
      }).organization,
    ).toEqual(globex);
    expect(
      pickOrganization({ memberships: [], requestedId: acme.id, requested: acme, platformAdmin: false }),
    ).toEqual({ organization: null, roles: [], permissions: [], expiresAt: null });
  });

  it("a platform admin may stay in any organization that exists, with no membership roles there", () => {
    expect(
      pickOrganization({ memberships: [], requestedId: other.id, requested: other, platformAdmin: true }),
    ).toEqual({ organization: other, roles: [], permissions: [], expiresAt: null });
    // ...but not in one that no longer exists, and a non-admin never enters without a membership.
    expect(
      pickOrganization({ memberships: [], requestedId: other.id, requested: null, platformAdmin: true })
        .organization,
    ).toBeNull();
    expect(
      pickOrganization({ memberships: mia, requestedId: other.id, requested: other, platformAdmin: false })
        .organization,
    ).toEqual(acme);
  });

  it("the nearest end of a membership in the active organization only (bigint may arrive as text)", () => {
    const memberships = [
      member(acme, "Editor", ["reports.read"], "5000"),
      member(acme, "Viewer", [], 7000),
      member(globex, "Viewer", [], 1000),
    ];
    expect(
      pickOrganization({ memberships, requestedId: acme.id, requested: acme, platformAdmin: false })
        .expiresAt,
    ).toBe(5000);
  });
});
