import type { Metadata } from "next";
import Link from "next/link";
import { NewAccountForm } from "@/components/new-account-form";
import { signUpUnavailable } from "@/lib/sign-in";
import { requestSignUp } from "./actions";

export const metadata: Metadata = { title: "Create an account" };

export default async function SignUpPage() {
  const unavailable = await signUpUnavailable();
  return (
    <>
      <h1 className="mt-1 text-2xl font-semibold">Create an account</h1>
      {unavailable ? (
        <p role="alert" className="mt-4 text-sm text-slate-700">
          {unavailable}
        </p>
      ) : (
        <>
          <p className="mt-2 mb-6 text-sm text-slate-600">
            We will mail you a link: the account exists once you open it. A new account holds no permissions
            until an admin grants some, and then they arrive while you are signed in.
          </p>
          <NewAccountForm action={requestSignUp} submitLabel="Create the account" />
        </>
      )}
      <Link href="/sign-in" className="mt-6 text-sm font-medium text-indigo-700 underline">
        Back to sign in
      </Link>
    </>
  );
}
