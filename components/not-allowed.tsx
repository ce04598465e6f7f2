"use client";

import { useGrantArrival } from "@/components/grant-arrival";
import type { Permission } from "@/lib/permissions";

type Props = { permission: readonly Permission[] };

/** Why a page is refused: the permission it needs (or the ones that would do), and how to get it. */
export function NotAllowed({ permission: anyOf }: Props) {
  const arrival = useGrantArrival();
  return (
    <section
      role="alert"
      aria-labelledby="not-allowed-title"
      className="rounded-lg border border-amber-300 bg-amber-50 p-6"
    >
      <h1 id="not-allowed-title" className="text-lg font-semibold text-amber-900">
        Not allowed
      </h1>
      <p className="mt-1 text-amber-900">
        {anyOf.length === 0 ? (
          "You do not hold the permission this page needs."
        ) : (
          <>
            You need {anyOf.length > 1 ? "one of the permissions" : "the"}{" "}
            {anyOf.map((p, i) => (
              <span key={p}>
                {i > 0 && (i === anyOf.length - 1 ? " or " : ", ")}
                <code className="font-mono">{p}</code>
              </span>
            ))}
            {anyOf.length > 1 ? "" : " permission"} to see this page.
          </>
        )}{" "}
        Ask an administrator to grant it. {arrival}
      </p>
    </section>
  );
}
