"use client";

import { useEffect, useState } from "react";
import {
  type AccessNotice,
  describeAccessChange,
  mergeNotices,
  noticeText,
} from "@/lib/client/access-change";
import { NOTICE_DISMISS_MS, noticeTimers } from "@/lib/client/notice-timers";
import { useClaims } from "./claims-provider";

let nextId = 0;

type Shown = AccessNotice & { id: number };

/**
 * Tells the user, on whatever page they are, when their own access changed:
 * "You can now open Reports". The claims only move forward
 * (ClaimsProvider), so any difference from the last ones seen is a
 * change, worded after its cause (lib/client/access-change.ts). The latest
 * word about a page replaces older notices about it. The region is always
 * present, so screen readers announce what appears in it; a notice leaves by
 * itself after `dismissAfterMs`, or sooner when dismissed.
 */
export function AccessNotices({ dismissAfterMs = NOTICE_DISMISS_MS }: { dismissAfterMs?: number }) {
  const { claims } = useClaims();
  const [seen, setSeen] = useState(claims);
  const [notices, setNotices] = useState<Shown[]>([]);
  if (seen !== claims) {
    // Derived while rendering (React's "previous value" pattern), not in an effect.
    setSeen(claims);
    const fresh = describeAccessChange(seen, claims).map((n) => ({ ...n, id: nextId++ }));
    if (fresh.length) setNotices((current) => mergeNotices(current, fresh));
  }
  const dismiss = (id: number) => setNotices((current) => current.filter((n) => n.id !== id));
  const [timers] = useState(() => noticeTimers(dismissAfterMs, dismiss));
  useEffect(() => timers.sync(notices.map((n) => n.id)), [timers, notices]);
  useEffect(() => () => timers.stop(), [timers]);
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
          <span className="flex-1">{noticeText(n)}</span>
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
