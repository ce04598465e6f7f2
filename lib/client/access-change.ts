// What a move of the user's own claims means to them, in words, and which
// notices stand after it. Pure: components/access-notices.tsx shows them.
// The claims only move forward (isNewer in ./claims.ts), so every move seen
// here is a real change, told once.
import { ADMIN_NAV, canOpen, MAIN_NAV, type NavItem } from "@/lib/navigation";
import type { ClientClaims } from "./claims";

/** Pages worth naming: home is always open, and /admin is only the door to its sections. */
const NAMED_PAGES: readonly NavItem[] = [...MAIN_NAV, ...ADMIN_NAV].filter(
  (item) => item.href !== "/" && item.href !== "/admin",
);

/**
 * Why the claims moved, read from their stamps: the user chose another
 * organization (or signed in again), a write changed their access (an
 * administrator, a script, SQL), or neither: a time-bound grant or membership
 * ended on its own. A switch wins over a write seen in the same move: what the
 * user chose explains what they see, and blaming an administrator could be false.
 */
type ChangeReason = "switch" | "admin" | "ended";

export function reasonOf(before: ClientClaims, after: ClientClaims): ChangeReason {
  if (after.organizationChosenAt !== before.organizationChosenAt) return "switch";
  if (after.permissionsUpdatedAt !== before.permissionsUpdatedAt) return "admin";
  return "ended";
}

/** A notice about pages (labels; each page is one subject), or about permissions when no page changed. */
export type AccessNotice =
  | { kind: "gained" | "lost"; reason: ChangeReason; pages: string[]; organization: string | null }
  | { kind: "changed"; added: string[]; removed: string[] };

export function describeAccessChange(before: ClientClaims, after: ClientClaims): AccessNotice[] {
  const reason = reasonOf(before, after);
  const organization = after.organization?.name ?? null;
  const pages = (opened: boolean) =>
    NAMED_PAGES.filter(
      (p) => canOpen(before.permissions, p) !== opened && canOpen(after.permissions, p) === opened,
    ).map((p) => p.label);
  const notices: AccessNotice[] = [];
  const gained = pages(true);
  const lost = pages(false);
  if (gained.length) notices.push({ kind: "gained", reason, pages: gained, organization });
  if (lost.length) notices.push({ kind: "lost", reason, pages: lost, organization });
  if (notices.length) return notices;

  const added = after.permissions.filter((p) => !before.permissions.includes(p));
  const removed = before.permissions.filter((p) => !after.permissions.includes(p));
  return added.length || removed.length ? [{ kind: "changed", added, removed }] : [];
}

export function noticeText(notice: AccessNotice): string {
  if (notice.kind === "changed") {
    const parts = [
      ...(notice.added.length ? [`you now have ${notice.added.join(", ")}`] : []),
      ...(notice.removed.length ? [`you no longer have ${notice.removed.join(", ")}`] : []),
    ];
    return `Your permissions changed: ${parts.join("; ")}.`;
  }
  const pages = list(notice.pages);
  const where = notice.reason === "switch" && notice.organization ? `In ${notice.organization}, ` : null;
  if (notice.kind === "gained")
    return where ? `${where}you can open ${pages}.` : `You can now open ${pages}.`;
  if (where) return `${where}you cannot open ${pages}.`;
  return notice.reason === "admin"
    ? `Your access to ${pages} was removed by an administrator.`
    : `Your access to ${pages} has ended.`;
}

/** The most notices kept on screen; older ones make way. */
export const MAX_NOTICES = 3;

/**
 * The notices standing once `fresh` ones arrive: the latest word about a
 * subject (a page, or the permissions) replaces older ones, so a notice
 * keeps only the pages nothing newer speaks of, and goes when none is left.
 * Never more than one notice per subject.
 */
export function mergeNotices<T extends AccessNotice>(shown: readonly T[], fresh: readonly T[]): T[] {
  const spoken = new Set(fresh.flatMap(subjectsOf));
  const kept = shown.flatMap((notice): T[] => {
    if (notice.kind === "changed") return spoken.has(PERMISSIONS_SUBJECT) ? [] : [notice];
    const pages = notice.pages.filter((page) => !spoken.has(page));
    return pages.length ? [{ ...notice, pages }] : [];
  });
  return [...kept, ...fresh].slice(-MAX_NOTICES);
}

const PERMISSIONS_SUBJECT = "permissions";

function subjectsOf(notice: AccessNotice): string[] {
  return notice.kind === "changed" ? [PERMISSIONS_SUBJECT] : notice.pages;
}

/** "Reports", "Users and Roles", "Users, Roles and Audit log". */
function list(labels: readonly string[]): string {
  return labels.length === 1 ? labels[0]! : `${labels.slice(0, -1).join(", ")} and ${labels.at(-1)}`;
}
