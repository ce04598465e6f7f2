import { redirect } from "next/navigation";
import { requirePage } from "@/lib/page-guard";
import { ADMIN_NAV, canOpen } from "@/lib/navigation";

/** /admin opens the first admin page this user may use. */
export default async function AdminHomePage() {
  const user = await requirePage("/admin");
  const first = ADMIN_NAV.find((item) => canOpen(user.permissions, item));
  // requirePage let the user in, so they hold one of the sections' permissions.
  redirect(first?.href ?? "/");
}
