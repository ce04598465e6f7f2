import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { DEMO_ACCOUNTS } from "@/components/demo-accounts";
import { SignInForm } from "@/components/sign-in-form";
import { getCurrentUser } from "@/lib/auth";
import { signInTarget } from "@/lib/sign-in";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Sign in" };

type Props = { searchParams: Promise<{ callbackUrl?: string | string[] }> };

/** Signed in already? Then the form has nothing to do: a failed check shows the form anyway. */
async function signedIn(): Promise<boolean> {
  try {
    return (await getCurrentUser()) !== null;
  } catch {
    return false;
  }
}

export default async function SignInPage({ searchParams }: Props) {
  const target = await signInTarget((await searchParams).callbackUrl);
  if (await signedIn()) redirect(target);
  const development = env().nodeEnv === "development";
  return (
    <main className="mx-auto flex min-h-screen max-w-sm flex-col justify-center px-4 py-8">
      <p className="font-semibold text-indigo-700">Live Authz</p>
      <h1 className="mt-1 text-2xl font-semibold">Sign in</h1>
      <p className="mt-2 mb-6 text-sm text-slate-600">
        A Next.js starter where a change to someone&apos;s roles takes effect on their very next request, and
        on their open pages without a reload: no signing out, no waiting for a session to expire.
      </p>
      <SignInForm callbackUrl={target} demoAccounts={development ? DEMO_ACCOUNTS : []} />
    </main>
  );
}
