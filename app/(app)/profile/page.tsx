import type { Metadata } from "next";
import Link from "next/link";
import { ChangePasswordForm } from "@/components/change-password-form";
import { ConfirmActionForm } from "@/components/confirm-action-form";
import { PageHeader } from "@/components/page-header";
import { ProfileForm } from "@/components/profile-form";
import { SessionList } from "@/components/session-list";
import { requirePage } from "@/lib/page-guard";
import { formatTime } from "@/lib/admin/format";
import { listOwnSessions } from "@/lib/sessions";
import { ownSignInMethods } from "@/lib/sign-in";
import { changePassword, signOutEverywhere, updateProfile } from "./actions";

export const metadata: Metadata = { title: "Profile" };

const CARD = "rounded-lg border border-slate-200 bg-white p-6";

/** The signed-in user's own account: their name, how they sign in, their password and their sessions. */
export default async function ProfilePage() {
  const user = await requirePage("/profile");
  const [sessions, methods] = await Promise.all([listOwnSessions(user), ownSignInMethods(user.id)]);
  const hasPassword = methods.some((m) => m.provider === "password");
  return (
    <div className="space-y-8">
      <PageHeader title="Profile" description="Your account, and where it is signed in." />
      <section className={CARD}>
        <ProfileForm action={updateProfile} user={user} />
      </section>
      <section aria-labelledby="methods-title" className={CARD}>
        <h2 id="methods-title" className="font-semibold">
          How you sign in
        </h2>
        <ul aria-labelledby="methods-title" className="mt-3 space-y-1 text-sm">
          {methods.map((m) => (
            <li key={m.provider}>
              {m.label}
              {m.linkedAt ? `, linked ${formatTime(m.linkedAt)}` : ` (${user.email})`}
            </li>
          ))}
        </ul>
        {hasPassword ? (
          <ChangePasswordForm action={changePassword} />
        ) : (
          <p className="mt-4 text-sm text-slate-600">
            No password yet: you sign in through your provider. To add one, use{" "}
            <Link href="/forgot-password" className="font-medium text-indigo-700 underline">
              Forgot password?
            </Link>{" "}
            with {user.email} (choosing it signs you out everywhere).
          </p>
        )}
      </section>
      <section aria-labelledby="sessions-title" className={CARD}>
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
      </section>
    </div>
  );
}
