"use client";

import { useEffect } from "react";
import type { ClientClaims } from "@/lib/client/claims";
import { useClaims } from "./claims-provider";

/**
 * Hands the claims the server used for this render to the client provider.
 * Rendered once for every signed-in page, by the shell's sync slot
 * (components/claims-sync.tsx): layouts are not rendered again on client
 * navigation, so this is how a navigation brings the header's links up to date.
 */
export function AdoptClaims({ claims }: { claims: ClientClaims }) {
  const { adopt } = useClaims();
  useEffect(() => adopt(claims), [claims, adopt]);
  return null;
}
