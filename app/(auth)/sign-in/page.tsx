import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { DEMO_ACCOUNTS } from "@/components/demo-accounts";
import { ProviderSignInButtons } from "@/components/provider-sign-in-buttons";
import { SignInForm } from "@/components/sign-in-form";
import { configuredProviders, providerErrorMessage, signInTarget } from "@/lib/sign-in";
import { env, freshnessPromise } from "@/lib/env";
import { visitorOrUser } from "@/lib/page-guard";

export const metadata: Metadata = { title: "Sign in" };

type Props = {
  searchParams: Promise<{
    callbackUrl?: string | string[];
    reset?: string | string[];
    created?: string | string[];
    /** Set by next-auth when a provider sign-in failed: a code, said in words below. */
    error?: string | string[];
  }>;
};

/** Where a reset, a sign-up or an invitation's new account ends: only notices, they prove nothing. */
const NOTICES: Record<string, string> = {
  reset:
    "Your password was changed and every session of your account was signed out. Sign in with the new password.",
  created: "Your account is ready. Sign in with the password you chose.",
  invitation:
    "Your account is ready, and you joined the organization that invited you. Sign in with the password you chose.",
};

export default async function SignInPage({ searchParams }: Props) {
  const query = await searchParams;
  const target = await signInTarget(query.callbackUrl);
  // Signed in already? Then the form has nothing to do (a failed check shows the form anyway).
  if (await visitorOrUser()) redirect(target);
  const notice =
    query.reset === "done"
      ? NOTICES.reset
      : query.created === "invitation"
        ? NOTICES.invitation
        : query.created === "1"
          ? NOTICES.created
          : null;
  const providerError = providerErrorMessage(query.error);
  const { nodeEnv, freshness, freshnessSeconds, signUp } = env();
  const development = nodeEnv === "development";
  return (
    <>
      <h1 className="mt-1 text-2xl font-semibold">Sign in</h1>
      <p className="mt-2 mb-6 text-sm text-slate-600">
        A Next.js starter where a change to someone&apos;s roles takes effect on their very next request, and
        on their open pages without a reload: no signing out, no waiting for a session to expire.
      </p>
      {freshness !== "cached" && freshness !== "strict" && (
        // The line above is the default mode's promise; this server keeps another, and says so
        // (after reauth has signed someone out, this is the page they land on).
        <p role="note" className="mb-4 rounded-md bg-amber-50 p-3 text-sm text-amber-900">
          This server runs AUTH_FRESHNESS={freshness}: {freshnessPromise(freshness, freshnessSeconds)}
        </p>
      )}
      {notice && (
        <p role="status" className="mb-4 rounded-md bg-emerald-50 p-3 text-sm text-emerald-800">
          {notice}
        </p>
      )}
      {providerError && (
        <p role="alert" className="mb-4 rounded-md bg-red-50 p-3 text-sm text-red-800">
          {providerError}
        </p>
      )}
      <SignInForm callbackUrl={target} demoAccounts={development ? DEMO_ACCOUNTS : []} />
      <ProviderSignInButtons providers={configuredProviders()} callbackUrl={target} />
      <Link href="/forgot-password" className="mt-4 text-sm font-medium text-indigo-700 underline">
        Forgot password?
      </Link>
      {signUp === "open" && (
        <Link href="/sign-up" className="mt-2 text-sm font-medium text-indigo-700 underline">
          Create an account
        </Link>
      )}
    </>
  );
}
