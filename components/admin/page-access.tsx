import { type CurrentUser, requirePermission } from "@/lib/auth/dal";
import type { Permission } from "@/lib/permissions/catalogue";
import { NotAllowed } from "../not-allowed";
import { PageHeader } from "../page-header";

type NotAllowedPageProps = { title: string; user: CurrentUser; permission: string | readonly string[] };

/** An admin page the user may not see: its title (and the claims hand-over), then why not. */
export function NotAllowedPage({ title, user, permission }: NotAllowedPageProps) {
  return (
    <div>
      <PageHeader title={title} user={user} />
      <NotAllowed permission={permission} />
    </div>
  );
}

/**
 * How every admin page starts: signed in (or sent to sign in, and back to
 * `path`), and, without `permission`, `denied` is the page to render instead.
 */
export async function requirePagePermission(
  permission: Permission,
  page: { title: string; path: string },
): Promise<{ user: CurrentUser; denied: React.ReactElement | null }> {
  const { user, allowed } = await requirePermission(permission, page.path);
  return {
    user,
    denied: allowed ? null : <NotAllowedPage title={page.title} user={user} permission={permission} />,
  };
}
