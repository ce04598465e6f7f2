import { describe, expect, it } from "vitest";
import { type ClientClaims, isNewer } from "@/lib/client/claims";
import type { Permission } from "@/lib/permissions/catalogue";

const claims = (
  permissionsUpdatedAt: number,
  permissions: Permission[],
  roles = ["Editor"],
): ClientClaims => ({
  permissionsUpdatedAt,
  permissions,
  globalPermissions: permissions,
  roles,
  organization: null,
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
});
