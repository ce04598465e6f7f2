"use client";

import { FailedPage } from "@/components/status-page";

type Props = { error: Error & { digest?: string }; reset: () => void };

/** A signed-in page that failed to render: inside the shell, with a retry. */
export default function AppError({ error, reset }: Props) {
  return <FailedPage error={error} reset={reset} advice="Nothing you did was lost; try again in a moment." />;
}
