// Where a user's permissions count, place by place (lib/permissions/catalogue.ts):
// the platform holds what their global roles grant; an organization holds the
// organization permissions of their memberships there and of their global
// roles (which count in every organization they work in). Pure, so the users
// list and a user's page say the same thing.
import { isOrganizationPermission, type Permission, PERMISSIONS } from "@/lib/permissions/catalogue";

export type Place = { id: string; slug: string; name: string };

/** One current grant: a global role (organization null) or a membership. */
type HeldGrant = { organization: Place | null; permissions: readonly string[] };

/** The permissions that count in one place; organization null is the platform. */
export type PlacePermissions = { organization: Place | null; permissions: Permission[] };

/**
 * The platform first (when a global role grants anything), then each
 * organization the user belongs to, in the order first met, each in catalogue order.
 */
export function permissionsByPlace(grants: readonly HeldGrant[]): PlacePermissions[] {
  const global = new Set(grants.filter((g) => !g.organization).flatMap((g) => g.permissions));
  const places = new Map<string, { organization: Place; held: Set<string> }>();
  for (const grant of grants) {
    if (!grant.organization) continue;
    const place = places.get(grant.organization.id) ?? { organization: grant.organization, held: new Set() };
    for (const p of grant.permissions) place.held.add(p);
    places.set(grant.organization.id, place);
  }
  const counted = (held: Set<string>) =>
    PERMISSIONS.filter((p) => isOrganizationPermission(p) && (held.has(p) || global.has(p)));
  const platform = PERMISSIONS.filter((p) => global.has(p));
  return [
    ...(platform.length > 0 ? [{ organization: null, permissions: platform }] : []),
    ...[...places.values()].map((p) => ({ organization: p.organization, permissions: counted(p.held) })),
  ];
}
