"use client";

import { useState } from "react";
import { type AccessNotice, describeAccessChange } from "@/lib/client/access-change";
import { usePermissions } from "./permissions-provider";

/** The most notices kept on screen; older ones make way. */
const MAX_SHOWN = 3;
let nextId = 0;

type Shown = AccessNotice & { id: number };

/**
 * Tells the user, on whatever page they are, when their own access changed:
 * "You can now open Reports". The permission list only moves forward
 * (PermissionsProvider), so any difference from the last one seen is a
 * change. The region is always present, so screen readers announce what
 * appears in it. Notices stay until dismissed: nothing vanishes mid-read.
 */
export function AccessNotices() {
  const { permissions } = usePermissions();
  const [seen, setSeen] = useState(permissions);
  const [notices, setNotices] = useState<Shown[]>([]);
  if (seen !== permissions) {
    // Derived while rendering (React's "previous value" pattern), not in an effect.
    setSeen(permissions);
    const fresh = describeAccessChange(seen, permissions).map((n) => ({ ...n, id: nextId++ }));
    if (fresh.length) setNotices((current) => [...current, ...fresh].slice(-MAX_SHOWN));
  }
  const dismiss = (id: number) => setNotices((current) => current.filter((n) => n.id !== id));
  return (
    <div
      role="status"
      aria-live="polite"
      data-testid="access-notices"
      className="pointer-events-none fixed inset-x-0 bottom-0 z-20 flex flex-col items-center gap-2 p-4 sm:items-end"
    >
      {notices.map((n) => (
        <p
          key={n.id}
          className={`pointer-events-auto flex w-full max-w-sm items-start gap-3 rounded-lg border p-3 text-sm shadow-lg ${
            n.kind === "lost"
              ? "border-amber-300 bg-amber-50 text-amber-950"
              : "border-emerald-200 bg-emerald-50 text-emerald-900"
          }`}
        >
          <span className="flex-1">{n.text}</span>
          <button
            type="button"
            onClick={() => dismiss(n.id)}
            className="rounded px-1 font-medium underline hover:no-underline"
          >
            Dismiss
          </button>
        </p>
      ))}
    </div>
  );
}
