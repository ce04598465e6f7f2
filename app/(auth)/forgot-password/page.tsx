import type { Metadata } from "next";
import Link from "next/link";
import { ForgotPasswordForm } from "@/components/forgot-password-form";
import { passwordResetUnavailable } from "@/lib/sign-in";
import { requestPasswordReset } from "./actions";

export const metadata: Metadata = { title: "Forgot password" };

export default async function ForgotPasswordPage() {
  // Said here, before anyone types an address, rather than after a form that could never work.
  const unavailable = await passwordResetUnavailable();
  return (
    <>
      <h1 className="mt-1 text-2xl font-semibold">Forgot your password?</h1>
      {unavailable ? (
        <p role="alert" className="mt-4 text-sm text-red-700">
          {unavailable}
        </p>
      ) : (
        <>
          <p className="mt-2 mb-6 text-sm text-slate-600">
            Enter the address you sign in with, and we will mail you a link to choose a new password.
          </p>
          <ForgotPasswordForm action={requestPasswordReset} />
        </>
      )}
      <Link href="/sign-in" className="mt-6 text-sm font-medium text-indigo-700 underline">
        Back to sign in
      </Link>
    </>
  );
}
