import type { Metadata } from "next";
import Link from "next/link";
import { ResetPasswordForm } from "@/components/reset-password-form";
import { resetLinkAccount } from "@/lib/sign-in";
import { linkTokenSchema } from "@/lib/validations/auth";
import { resetPassword } from "./actions";

export const metadata: Metadata = { title: "Choose a new password" };

type Props = { params: Promise<{ token: string }> };

export default async function ResetPasswordPage({ params }: Props) {
  const token = linkTokenSchema.safeParse((await params).token);
  // Unknown, used, expired or replaced: one answer, and nothing is changed.
  const email = token.success ? await resetLinkAccount(token.data) : null;
  return (
    <>
      {email && token.success ? (
        <>
          <h1 className="mt-1 text-2xl font-semibold">Choose a new password</h1>
          <p className="mt-2 mb-6 text-sm text-slate-600">
            For {email}. Every session of this account, on every device, will be signed out.
          </p>
          <ResetPasswordForm action={resetPassword} token={token.data} />
        </>
      ) : (
        <>
          <h1 className="mt-1 text-2xl font-semibold">This link cannot be used</h1>
          <p className="mt-2 text-sm text-slate-600">
            It has expired, was already used, or a newer link replaced it. Nothing was changed.
          </p>
          <Link href="/forgot-password" className="mt-6 text-sm font-medium text-indigo-700 underline">
            Ask for a new link
          </Link>
        </>
      )}
    </>
  );
}
