"use client";

import { useSyncExternalStore } from "react";
import { formatInstant, formatRelative } from "@/lib/format";

// One clock for every relative time on the page, ticking while any is shown.
const TICK_MS = 15_000;
const listeners = new Set<() => void>();
let now = Date.now();
let timer: ReturnType<typeof setInterval> | undefined;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === undefined) now = Date.now(); // the clock was stopped: it may be far behind
  timer ??= setInterval(() => {
    now = Date.now();
    listeners.forEach((l) => l());
  }, TICK_MS);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

const readNow = () => now;
// React compares two calls while hydrating: in the browser the server snapshot
// is the shared clock (stable between ticks); on the server, the time of the render.
const serverNow = () => (typeof window === "undefined" ? Date.now() : now);

type Props = {
  at: Date | number | string;
  /** Where the order of nearby events matters (the audit log): seconds, and the exact time shown too. */
  seconds?: boolean;
  className?: string;
};

/**
 * "3 minutes ago", with the exact UTC time on hover and in dateTime. The
 * server renders it with its clock and the browser with its own, so the text
 * may differ by a tick at hydration: that one mismatch is expected.
 */
export function RelativeTime({ at, seconds = false, className }: Props) {
  const current = useSyncExternalStore(subscribe, readNow, serverNow);
  const instant = new Date(at);
  const exact = formatInstant(instant, { seconds: true });
  const relative = formatRelative(instant, current, { seconds });
  return (
    <time dateTime={instant.toISOString()} title={exact} className={className} suppressHydrationWarning>
      {seconds ? (
        <>
          <span className="block">{exact}</span>
          <span className="block text-xs text-slate-600" suppressHydrationWarning>
            {relative}
          </span>
        </>
      ) : (
        relative
      )}
    </time>
  );
}
