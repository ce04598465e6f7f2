"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { OwnSession } from "@/lib/auth/protocol";
import { appFetch } from "@/lib/client/app-fetch";
import { describeUserAgent, formatInstant } from "@/lib/format";
import { RelativeTime } from "./relative-time";

/** "Firefox on Linux": the user agent, read; token clients say so. */
function deviceLabel(session: OwnSession): string {
  if (session.kind === "token")
    return `Token client${session.userAgent ? ` (${describeUserAgent(session.userAgent)})` : ""}`;
  return describeUserAgent(session.userAgent);
}

/**
 * Where the user is signed in; each other session can be signed out here
 * (DELETE /api/me/sessions/{id}). This device signs out from the header.
 */
export function SessionList({ sessions }: { sessions: OwnSession[] }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);

  const end = (id: string) =>
    startTransition(async () => {
      setError(null);
      const response = await appFetch(`/api/me/sessions/${encodeURIComponent(id)}`, { method: "DELETE" });
      if (!response.ok && response.status !== 404)
        setError("That session could not be signed out. Try again.");
      router.refresh();
    });

  return (
    <div>
      <ul aria-label="Where you're signed in" className="divide-y divide-slate-200">
        {sessions.map((session) => (
          <li key={session.id} className="flex items-center justify-between gap-4 py-2">
            <div className="min-w-0 text-sm">
              <p className="truncate font-medium" title={session.userAgent ?? undefined}>
                {deviceLabel(session)}
                {session.current && (
                  <span className="ml-2 rounded bg-emerald-100 px-1.5 text-emerald-800">This device</span>
                )}
              </p>
              <p className="text-slate-600">
                Signed in <RelativeTime at={session.createdAt} /> · last seen{" "}
                <RelativeTime at={session.lastSeenAt} />
              </p>
            </div>
            {session.current ? null : (
              <button
                type="button"
                disabled={pending}
                onClick={() => end(session.id)}
                aria-label={`Sign out ${deviceLabel(session)}, signed in ${formatInstant(session.createdAt)}`}
                className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-100 disabled:opacity-60"
              >
                Sign out
              </button>
            )}
          </li>
        ))}
      </ul>
      <p role="status" aria-live="polite" className="text-sm text-red-700">
        {error}
      </p>
    </div>
  );
}
