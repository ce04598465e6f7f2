import type { Metadata } from "next";
import Link from "next/link";
import { ConfirmActionForm } from "@/components/confirm-action-form";
import { NewAccountForm } from "@/components/new-account-form";
import { invitationByLink } from "@/lib/admin";
import { env } from "@/lib/env";
import { visitorOrUser } from "@/lib/page-guard";
import { linkTokenSchema } from "@/lib/validations/auth";
import { acceptInvitationLink, createAccountFromInvitation } from "./actions";

export const metadata: Metadata = { title: "Invitation" };

type Props = { params: Promise<{ token: string }> };

/**
 * An invitation's link. Opening it changes nothing (mail scanners open links
 * too): the invitee accepts with a button, signed in under the invited
 * address, or creates their account here when the address has none.
 */
export default async function InvitationPage({ params }: Props) {
  const token = linkTokenSchema.safeParse((await params).token);
  const invitation = token.success ? await invitationByLink(token.data) : ({ kind: "gone" } as const);
  if (invitation.kind === "gone" || !token.success)
    return (
      <Frame title="This invitation cannot be used">
        <p className="mt-2 text-sm text-slate-600">
          It has expired, was revoked, or was already accepted. Nothing was changed: ask whoever invited you
          for a new one.
        </p>
        <BackToSignIn />
      </Frame>
    );
  const user = await visitorOrUser();
  const path = `/invitations/${token.data}`;
  const offer = (
    <p className="mt-2 mb-6 text-sm text-slate-600">
      You are invited to join <strong>{invitation.organization}</strong> as {invitation.role}, as{" "}
      {invitation.email}.
    </p>
  );
  if (user && user.email.toLowerCase() === invitation.email)
    return (
      <Frame title="Join the organization">
        {offer}
        <ConfirmActionForm
          action={acceptInvitationLink}
          fields={{ token: token.data }}
          label={`Join ${invitation.organization}`}
          pendingLabel="Joining…"
        />
      </Frame>
    );
  if (user)
    return (
      <Frame title="This invitation is for another account">
        {offer}
        <p className="text-sm text-slate-700">
          You are signed in as {user.email}. Sign out, then open the link again to accept as{" "}
          {invitation.email}.
        </p>
        <Link href="/" className="mt-6 text-sm font-medium text-indigo-700 underline">
          Back to your home page
        </Link>
      </Frame>
    );
  if (invitation.hasAccount)
    return (
      <Frame title="Sign in to accept">
        {offer}
        <Link
          href={`/sign-in?callbackUrl=${encodeURIComponent(path)}`}
          className="text-sm font-medium text-indigo-700 underline"
        >
          Sign in as {invitation.email}
        </Link>
      </Frame>
    );
  if (env().signUp === "closed")
    return (
      <Frame title="This server takes no new accounts">
        {offer}
        <p role="alert" className="text-sm text-slate-700">
          Ask whoever invited you to invite an address that already has an account.
        </p>
        <BackToSignIn />
      </Frame>
    );
  return (
    <Frame title="Create your account to join">
      {offer}
      <NewAccountForm
        action={createAccountFromInvitation}
        hidden={{ token: token.data }}
        email={invitation.email}
        submitLabel={`Create the account and join ${invitation.organization}`}
      />
      <BackToSignIn />
    </Frame>
  );
}

function Frame({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <>
      <h1 className="mt-1 text-2xl font-semibold">{title}</h1>
      {children}
    </>
  );
}

function BackToSignIn() {
  return (
    <Link href="/sign-in" className="mt-6 text-sm font-medium text-indigo-700 underline">
      Back to sign in
    </Link>
  );
}
