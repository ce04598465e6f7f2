"use client";

import { StatusPage } from "@/components/status-page";

type Props = { error: Error & { digest?: string }; reset: () => void };

/** A signed-in page that failed to render: inside the shell, with a retry. */
export default function AppError({ error, reset }: Props) {
  return (
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
      <p>This page could not be shown. Nothing you did was lost; try again in a moment.</p>
      {error.digest && <p className="mt-2 text-sm">Reference for the logs: {error.digest}</p>}
    </StatusPage>
  );
}
