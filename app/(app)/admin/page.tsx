import { redirect } from "next/navigation";
import { NotAllowed } from "@/components/not-allowed";
import { PageHeader } from "@/components/page-header";
import { requireUser } from "@/lib/auth/dal";
import { ADMIN_NAV, ADMIN_PERMISSIONS, canOpen } from "@/lib/navigation";

/** /admin opens the first admin page this user may use. */
export default async function AdminHomePage() {
  const user = await requireUser("/admin");
  const first = ADMIN_NAV.find((item) => canOpen(user.permissions, item));
  if (first) redirect(first.href);
  return (
    <div>
      <PageHeader title="Admin" user={user} />
      <NotAllowed permission={ADMIN_PERMISSIONS} />
    </div>
  );
}
