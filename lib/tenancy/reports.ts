// The reports of the session's active organization, and only those.
import "server-only";
import type { CurrentUser } from "@/lib/auth";
import { getPrisma } from "@/lib/db/client";
import { isPlatformAdminBy } from "@/lib/permissions/catalogue";
import { scopedClient } from "./scoped-client";

/** A report as the API and the page show it. */
export type ReportRow = { id: string; title: string; period: string; revenue: number; organization: string };

export type ReportList = { organization: string | null; reports: ReportRow[] };

/** Anything a user can open has a cap. */
export const MAX_REPORTS = 500;

/**
 * The active organization's reports. The organization comes from the session's
 * fresh claims; the query also requires that the user still belongs to it (or
 * holds users.manage globally, as platform admins do), so a membership removed
 * a moment ago, whose news has not reached this instance yet, already reads nothing.
 */
export async function listReports(user: CurrentUser): Promise<ReportList> {
  const organization = user.organization;
  if (!organization) return { organization: null, reports: [] };
  const db = scopedClient(await getPrisma(), organization.id);
  const now = new Date();
  const current = { OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] };
  // Platform admins may be inside without a membership.
  const stillInside = isPlatformAdminBy(user.globalPermissions)
    ? {}
    : { organization: { memberships: { some: { userId: user.id, ...current } } } };
  const rows = await db.report.findMany({
    where: stillInside,
    select: { id: true, title: true, period: true, revenue: true, organization: { select: { slug: true } } },
    orderBy: [{ period: "asc" }, { id: "asc" }],
    take: MAX_REPORTS,
  });
  return {
    organization: organization.slug,
    reports: rows.map(({ organization: owner, ...row }) => ({ ...row, organization: owner.slug })),
  };
}
