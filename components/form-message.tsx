"use client";

import type { ActionState } from "@/lib/actions";
import { useIsLatestMessage } from "./latest-message";

/**
 * The outcome of an action, announced to screen readers as it appears. Only
 * the page's latest outcome shows (components/latest-message.tsx). The region
 * stays in the page while empty (so that what appears in it is announced), at
 * no height.
 */
export function FormMessage({ state, id }: { state: ActionState; id?: string }) {
  const latest = useIsLatestMessage(state);
  const tone = state.status === "error" ? "text-red-700" : "text-emerald-700";
  return (
    <p id={id} role="status" aria-live="polite" className={`text-sm ${tone}`}>
      {state.status !== "idle" && latest ? state.message : null}
    </p>
  );
}
