import { ChangePasswordForm } from "@/components/change-password-form";
import { ConfirmActionForm } from "@/components/confirm-action-form";
import { InvitationList } from "@/components/invitation-list";
import { PageHeader } from "@/components/page-header";
import { LiveClaims } from "@/components/live-claims";
import { SessionList } from "@/components/session-list";
import { openInvitationsFor } from "@/lib/admin";
import { requirePage } from "@/lib/page-guard";
import { listOwnSessions } from "@/lib/sessions";
import { acceptInvitation, changePassword, signOutEverywhere } from "./actions";

export default async function HomePage() {
  const user = await requirePage("/");
  const [sessions, invitations] = await Promise.all([listOwnSessions(user), openInvitationsFor(user)]);
  return (
    <div className="space-y-8">
      <PageHeader title={`Signed in as ${user.name}`} />
      <LiveClaims email={user.email} />
      <InvitationList invitations={invitations} accept={acceptInvitation} />
      <section aria-labelledby="sessions-title" className="rounded-lg border border-slate-200 bg-white p-6">
        <h2 id="sessions-title" className="font-semibold">
          Sessions
        </h2>
        <h3 id="where-title" className="mt-3 text-sm font-medium">
          Where you&apos;re signed in
        </h3>
        <SessionList sessions={sessions} />
        <p className="mt-4 mb-3 text-sm text-slate-600">
          Signed in on another device you no longer use? Sign it out above, or end every session, this one
          included.
        </p>
        <ConfirmActionForm
          action={signOutEverywhere}
          label="Sign out everywhere"
          pendingLabel="Signing out…"
          confirm={{ question: "End all your sessions?", confirmLabel: "Yes, sign out everywhere" }}
        />
        <ChangePasswordForm action={changePassword} />
      </section>
    </div>
  );
}
