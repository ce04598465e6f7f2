"use client";

import { createContext, useContext, useEffect, useId, useMemo, useState } from "react";
import type { ActionState } from "@/lib/actions/state";

type Latest = { latest: string | null; claim(id: string): void };

const LatestMessageContext = createContext<Latest | null>(null);

/**
 * A message belongs to the last action only: inside this scope, an outcome
 * that appears hides the earlier ones ("Editor removed" does not stay beside
 * "Editor granted"). The signed-in shell wraps every page in one.
 */
export function LatestMessageScope({ children }: { children: React.ReactNode }) {
  const [latest, claim] = useState<string | null>(null);
  const value = useMemo(() => ({ latest, claim }), [latest]);
  return <LatestMessageContext.Provider value={value}>{children}</LatestMessageContext.Provider>;
}

/** Whether this outcome is the latest one in its scope (always, outside a scope). */
export function useIsLatestMessage(state: ActionState): boolean {
  const id = useId();
  const scope = useContext(LatestMessageContext);
  const claim = scope?.claim;
  useEffect(() => {
    if (state.status !== "idle") claim?.(id);
  }, [state, claim, id]);
  return !scope || scope.latest === id;
}
