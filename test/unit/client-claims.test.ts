import { describe, expect, it } from "vitest";
import { type ClientClaims, isNewer } from "@/lib/client/claims";
import type { Permission } from "@/lib/permissions/catalogue";

const acme = { id: "o1", slug: "acme", name: "Acme" };
const globex = { id: "o2", slug: "globex", name: "Globex" };

const claims = (
  permissionsUpdatedAt: number,
  permissions: Permission[],
  roles = ["Editor"],
  organizationChosenAt = 1,
  organization: ClientClaims["organization"] = null,
): ClientClaims => ({
  permissionsUpdatedAt,
  permissions,
  globalPermissions: permissions,
  roles,
  organization,
  organizationChosenAt,
});

describe("isNewer", () => {
  it("moves forward with the stamp, never back", () => {
    expect(isNewer(claims(2, []), claims(1, ["reports.read"]))).toBe(true);
    expect(isNewer(claims(1, ["reports.read"]), claims(2, []))).toBe(false);
  });

  it("takes the same stamp with other permissions or roles (a grant ended), but not the same claims again", () => {
    expect(isNewer(claims(1, []), claims(1, ["reports.read"]))).toBe(true);
    expect(isNewer(claims(1, ["reports.read"], ["Viewer"]), claims(1, ["reports.read"]))).toBe(true);
    expect(isNewer(claims(1, ["reports.read"]), claims(1, ["reports.read"]))).toBe(false);
  });

  it("orders a switch by when the organization was chosen: the old organization's answer, arriving late, is older", () => {
    const inAcme = claims(1, ["reports.read"], ["Editor"], 10, acme);
    const inGlobex = claims(1, [], ["Viewer"], 20, globex);
    expect(isNewer(inGlobex, inAcme)).toBe(true);
    expect(isNewer(inAcme, inGlobex)).toBe(false);
  });

  it("refuses an answer behind on either stamp, even one ahead on the other", () => {
    const held = claims(5, [], ["Viewer"], 20, globex);
    expect(isNewer(claims(6, ["reports.read"], ["Editor"], 10, acme), held)).toBe(false);
    expect(isNewer(claims(4, [], ["Viewer"], 30, acme), held)).toBe(false);
  });

  it("takes another organization at the same stamps: the membership ended and the server chose the next one", () => {
    expect(isNewer(claims(1, [], ["Viewer"], 1, globex), claims(1, [], ["Viewer"], 1, acme))).toBe(true);
  });
});
