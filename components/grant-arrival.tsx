"use client";

import { createContext, useContext } from "react";

// When a grant reaches the signed-in user, as this server's AUTH_FRESHNESS
// makes it true (lib/env.ts, grantArrival): the signed-in layout provides it,
// so the refusal page, a client boundary, never promises "your next request"
// under a mode that does not keep that promise.
const GrantArrival = createContext("It takes effect on your next request, without signing in again.");

export function GrantArrivalProvider({ value, children }: { value: string; children?: React.ReactNode }) {
  return <GrantArrival.Provider value={value}>{children}</GrantArrival.Provider>;
}

export function useGrantArrival(): string {
  return useContext(GrantArrival);
}
