// What a change of the user's own permission list means to them, in words:
// the pages they can now open or no longer open, or the permissions that
// changed when no page did. Shown by components/access-notices.tsx.
import { ADMIN_NAV, canOpen, MAIN_NAV, type NavItem } from "@/lib/navigation";

/** Pages worth naming: home is always open, and /admin is only the door to its sections. */
const NAMED_PAGES: readonly NavItem[] = [...MAIN_NAV, ...ADMIN_NAV].filter(
  (item) => item.href !== "/" && item.href !== "/admin",
);

export type AccessNotice = { kind: "gained" | "lost" | "changed"; text: string };

export function describeAccessChange(before: readonly string[], after: readonly string[]): AccessNotice[] {
  const gainedPages = NAMED_PAGES.filter((p) => !canOpen(before, p) && canOpen(after, p));
  const lostPages = NAMED_PAGES.filter((p) => canOpen(before, p) && !canOpen(after, p));
  const notices: AccessNotice[] = [];
  if (gainedPages.length) notices.push({ kind: "gained", text: `You can now open ${list(gainedPages)}.` });
  if (lostPages.length)
    notices.push({
      kind: "lost",
      text: `Your access to ${list(lostPages)} was removed by an administrator.`,
    });
  if (notices.length) return notices;

  const added = after.filter((p) => !before.includes(p));
  const removed = before.filter((p) => !after.includes(p));
  const parts = [
    ...(added.length ? [`you now have ${added.join(", ")}`] : []),
    ...(removed.length ? [`you no longer have ${removed.join(", ")}`] : []),
  ];
  return parts.length ? [{ kind: "changed", text: `Your permissions changed: ${parts.join("; ")}.` }] : [];
}

/** "Reports", "Users and Roles", "Users, Roles and Audit log". */
function list(pages: readonly NavItem[]): string {
  const labels = pages.map((p) => p.label);
  return labels.length === 1 ? labels[0]! : `${labels.slice(0, -1).join(", ")} and ${labels.at(-1)}`;
}
