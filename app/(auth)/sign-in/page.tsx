import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/sign-in-form";
import { getCurrentUser, signInTarget } from "@/lib/auth";

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
  return (
    <main className="mx-auto flex min-h-screen max-w-sm flex-col justify-center px-4">
      <h1 className="mb-6 text-2xl font-semibold">Sign in</h1>
      <SignInForm callbackUrl={target} />
      <p className="mt-6 text-sm text-slate-600">
        Demo accounts: admin@example.com, editor@example.com, viewer@example.com (password demo1234).
      </p>
    </main>
  );
}
