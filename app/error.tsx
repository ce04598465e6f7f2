"use client";

import { StatusPage } from "@/components/status-page";

type Props = { error: Error & { digest?: string }; reset: () => void };

/** A page outside the signed-in shell (sign-in) that failed to render. */
export default function RootError({ error, reset }: Props) {
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center px-4">
      <StatusPage
        title="Something went wrong"
        actions={
          <button
            type="button"
            onClick={reset}
            className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-700"
          >
            Try again
          </button>
        }
      >
        <p>This page could not be shown. Try again in a moment.</p>
        {error.digest && <p className="mt-2 text-sm">Reference for the logs: {error.digest}</p>}
      </StatusPage>
    </main>
  );
}
