import { redirect } from "next/navigation";
import { NotAllowedPage } from "@/components/admin/page-access";
import { requireUser } from "@/lib/auth/dal";
import { ADMIN_NAV, ADMIN_PERMISSIONS, canOpen } from "@/lib/navigation";

/** /admin opens the first admin page this user may use. */
export default async function AdminHomePage() {
  const user = await requireUser("/admin");
  const first = ADMIN_NAV.find((item) => canOpen(user.permissions, item));
  if (first) redirect(first.href);
  return <NotAllowedPage title="Admin" user={user} permission={ADMIN_PERMISSIONS} />;
}
