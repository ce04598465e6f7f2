import type { Metadata } from "next";
import Link from "next/link";
import { ConfirmActionForm } from "@/components/confirm-action-form";
import { signUpLinkRequest } from "@/lib/sign-in";
import { linkTokenSchema } from "@/lib/validations/auth";
import { finishSignUp } from "../actions";

export const metadata: Metadata = { title: "Confirm your account" };

type Props = { params: Promise<{ token: string }> };

/** Opening the link changes nothing (mail scanners open links too); the button creates the account. */
export default async function ConfirmSignUpPage({ params }: Props) {
  const token = linkTokenSchema.safeParse((await params).token);
  const request = token.success ? await signUpLinkRequest(token.data) : null;
  return (
    <>
      {request && token.success ? (
        <>
          <h1 className="mt-1 text-2xl font-semibold">Create your account</h1>
          <p className="mt-2 mb-6 text-sm text-slate-600">
            For {request.name}, {request.email}, with the password you chose.
          </p>
          <ConfirmActionForm
            action={finishSignUp}
            fields={{ token: token.data }}
            label="Create my account"
            pendingLabel="Creating…"
          />
        </>
      ) : (
        <>
          <h1 className="mt-1 text-2xl font-semibold">This link cannot be used</h1>
          <p className="mt-2 text-sm text-slate-600">
            It has expired, was already used, or a newer link replaced it. Nothing was created.
          </p>
          <Link href="/sign-up" className="mt-6 text-sm font-medium text-indigo-700 underline">
            Sign up again
          </Link>
        </>
      )}
    </>
  );
}
