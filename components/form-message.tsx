import type { ActionState } from "@/lib/actions";

/** The outcome of an action, announced to screen readers as it appears. */
export function FormMessage({ state, id }: { state: ActionState; id?: string }) {
  const tone = state.status === "error" ? "text-red-700" : "text-emerald-700";
  return (
    <p id={id} role="status" aria-live="polite" className={`min-h-5 text-sm ${tone}`}>
      {state.status !== "idle" ? state.message : null}
    </p>
  );
}
