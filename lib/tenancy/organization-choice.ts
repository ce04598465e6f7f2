// Which organization a session works in (the tenant key), decided from the
// rows the claims statement read in its one snapshot (./claims-extension.ts).
// Pure, so the rule is tested on its own:
// - the organization asked for (the session's current one, or the one a
//   switch names) while the user is still a member of it, or while they are a
//   platform admin (global users.manage) and it still exists;
// - else the user's first organization by slug (sign-in, or the old one
//   was left, ended or deleted);
// - else none.
import type { ScopeClaims } from "@/lib/auth/host";
import type { ActiveOrganization } from "@/lib/auth/protocol";

/** One current membership (a role within an organization), as the claims query returns it. */
export type MembershipRow = {
  id: string;
  slug: string;
  name: string;
  role: string;
  permissions: string[];
  /** ms, or null when it never ends. PostgreSQL's bigint may arrive as a string in JSON. */
  expiresAt: number | string | null;
};

/** The active organization, and the role names and permissions its memberships add (the core's ScopeClaims). */
type OrganizationChoice = ScopeClaims;

type ChoiceInput = {
  memberships: readonly MembershipRow[];
  requestedId: string | null;
  requested: ActiveOrganization | null;
  platformAdmin: boolean;
};

export function pickOrganization({
  memberships,
  requestedId,
  requested,
  platformAdmin,
}: ChoiceInput): OrganizationChoice {
  const member = memberships.find((m) => m.id === requestedId);
  const first = [...memberships].sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0))[0];
  const organization: ActiveOrganization | null = member
    ? pick(member)
    : requestedId !== null && platformAdmin && requested?.id === requestedId
      ? pick(requested)
      : first
        ? pick(first)
        : null;
  const mine = memberships.filter((m) => m.id === organization?.id);
  const ends = mine
    .map((m) => m.expiresAt)
    .filter((e) => e !== null)
    .map(Number);
  return {
    organization,
    roles: [...new Set(mine.map((m) => m.role))],
    permissions: [...new Set(mine.flatMap((m) => m.permissions))],
    expiresAt: ends.length > 0 ? Math.min(...ends) : null,
  };
}

function pick({ id, slug, name }: ActiveOrganization): ActiveOrganization {
  return { id, slug, name };
}
