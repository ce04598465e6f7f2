import { ConfirmActionForm } from "@/components/confirm-action-form";
import { PageHeader } from "@/components/page-header";
import { LiveClaims } from "@/components/live-claims";
import { requirePage } from "@/lib/auth";
import { signOutEverywhere } from "./actions";

export default async function HomePage() {
  const user = await requirePage("/");
  return (
    <div className="space-y-8">
      <PageHeader title={`Signed in as ${user.name}`} />
      <LiveClaims email={user.email} />
      <section aria-labelledby="sessions-title" className="rounded-lg border border-slate-200 bg-white p-6">
        <h2 id="sessions-title" className="font-semibold">
          Sessions
        </h2>
        <p className="mt-1 mb-3 text-sm text-slate-600">
          Signed in on another device you no longer use? End every session, this one included.
        </p>
        <ConfirmActionForm
          action={signOutEverywhere}
          label="Sign out everywhere"
          pendingLabel="Signing out…"
          confirm={{ question: "End all your sessions?", confirmLabel: "Yes, sign out everywhere" }}
        />
      </section>
    </div>
  );
}
