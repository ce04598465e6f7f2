// A page that needs a permission: signed out, a redirect to sign in; without
// reports.read, 403 (Next's forbidden(), behind experimental.authInterrupts).
import { requirePermission } from "@/lib/auth";

export const dynamic = "force-dynamic";

export default async function ReportsPage() {
  const user = await requirePermission("reports.read");
  return (
    <main>
      <h1>Reports</h1>
      <p>Signed in as {user.email}, who may read reports.</p>
    </main>
  );
}
