"use client";

import { useEffect } from "react";
import type { ClientClaims } from "@/lib/client/claims";
import type { Permission } from "@/lib/permissions";
import { usePermissions } from "./permissions-provider";

/**
 * Hands the claims the server used for this render to the client provider.
 * Rendered once for every signed-in page, by the shell's sync slot
 * (components/claims-sync.tsx): layouts are not rendered again on client
 * navigation, so this is how a navigation brings the header's links up to date.
 */
export function PermissionsSync({ claims }: { claims: ClientClaims }) {
  const { adopt } = usePermissions();
  useEffect(() => adopt(claims), [claims, adopt]);
  return null;
}

/** Shows `children` only while the user holds `permission`; hides them the moment it goes. */
export function Can({ permission, children }: { permission: Permission; children: React.ReactNode }) {
  return usePermissions().can(permission) ? children : null;
}
