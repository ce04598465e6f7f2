"use client";

import { useLinkStatus } from "next/link";

/**
 * The loading state of a client navigation: a dot beside the link that
 * started it (place it inside a <Link> with position: relative). The signed-in pages have no loading.tsx on
 * purpose: a loading boundary streams the page, so its status is sent before
 * the guard runs, and a refused page would answer 200 instead of 403 (or a
 * missing one 200 instead of 404), and a redirect would happen in the browser.
 */
export function LinkPending() {
  const { pending } = useLinkStatus();
  if (!pending) return null;
  return (
    <span
      aria-hidden="true"
      className="absolute top-1/2 -right-1.5 size-1.5 -translate-y-1/2 rounded-full bg-indigo-600 motion-safe:animate-pulse"
    />
  );
}
