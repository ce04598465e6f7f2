"use client";

import { FailedPage } from "@/components/status-page";

type Props = { error: Error & { digest?: string }; reset: () => void };

/** A page outside the signed-in shell (sign-in) that failed to render. */
export default function RootError({ error, reset }: Props) {
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center px-4">
      <FailedPage error={error} reset={reset} advice="Try again in a moment." />
    </main>
  );
}
