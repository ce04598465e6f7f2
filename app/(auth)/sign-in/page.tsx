import type { Metadata } from "next";
import { SignInForm } from "@/components/sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

type Props = { searchParams: Promise<{ callbackUrl?: string }> };

/** Only same-site paths: a sign-in link must never send the user to another site. */
function safeCallback(value: string | undefined): string {
  const sameSite = value?.startsWith("/") && !value.startsWith("//") && !value.startsWith("/sign-in");
  return sameSite ? value! : "/";
}

export default async function SignInPage({ searchParams }: Props) {
  const { callbackUrl } = await searchParams;
  return (
    <main className="mx-auto flex min-h-screen max-w-sm flex-col justify-center px-4">
      <h1 className="mb-6 text-2xl font-semibold">Sign in</h1>
      <SignInForm callbackUrl={safeCallback(callbackUrl)} />
      <p className="mt-6 text-sm text-slate-600">
        Demo accounts: admin@example.com, editor@example.com, viewer@example.com (password demo1234).
      </p>
    </main>
  );
}
