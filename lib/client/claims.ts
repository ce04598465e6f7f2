// What the browser knows about the signed-in user's permissions, and how it
// reads them from GET /api/me/permissions.
import { z } from "zod";
import type { ClientClaims } from "@/lib/auth/protocol";
import { isPermission } from "@/lib/permissions";

export type { ClientClaims };

type ClaimsResult = { kind: "claims"; claims: ClientClaims } | { kind: "signed-out" } | { kind: "error" };

/**
 * The answer of GET /api/me/permissions. Permissions are read against this
 * build's catalogue: a name it does not know (a newer server during a
 * deploy) grants nothing here.
 */
const answerSchema = z.object({
  roles: z.array(z.string()),
  permissions: z.array(z.string()).transform((names) => names.filter(isPermission)),
  globalPermissions: z
    .array(z.string())
    .transform((names) => names.filter(isPermission))
    .catch([]),
  permissionsUpdatedAt: z.number(),
  organization: z.object({ id: z.string(), slug: z.string(), name: z.string() }).nullable().catch(null),
  organizationChosenAt: z.number().catch(0),
});

export async function fetchClaims(): Promise<ClaimsResult> {
  try {
    const response = await fetch("/api/me/permissions", { cache: "no-store", credentials: "same-origin" });
    if (response.status === 401) return { kind: "signed-out" };
    if (!response.ok) return { kind: "error" };
    const body = answerSchema.safeParse(await response.json());
    return body.success ? { kind: "claims", claims: body.data } : { kind: "error" };
  } catch {
    return { kind: "error" };
  }
}

/** Whether two claims name different active organizations (a switch moves no permission stamp). */
export function otherOrganization(next: ClientClaims, current: ClientClaims): boolean {
  return (
    next.organization?.id !== current.organization?.id ||
    next.organization?.slug !== current.organization?.slug ||
    next.organization?.name !== current.organization?.name
  );
}

/**
 * Claims move forward only, ordered by two stamps: permissionsUpdatedAt (moved by any write to
 * the user's access) and organizationChosenAt (moved by a switch, which writes nothing). An
 * answer behind on either left the server before that change and arrived after it: older,
 * ignored. With both stamps the same, other permissions, roles or organization are newer: a
 * time-bound grant or membership ended, which changes the claims without any write.
 */
export function isNewer(next: ClientClaims, current: ClientClaims): boolean {
  if (
    next.permissionsUpdatedAt < current.permissionsUpdatedAt ||
    next.organizationChosenAt < current.organizationChosenAt
  )
    return false;
  if (
    next.permissionsUpdatedAt > current.permissionsUpdatedAt ||
    next.organizationChosenAt > current.organizationChosenAt
  )
    return true;
  return (
    next.permissions.join("\n") !== current.permissions.join("\n") ||
    next.globalPermissions.join("\n") !== current.globalPermissions.join("\n") ||
    next.roles.join("\n") !== current.roles.join("\n") ||
    otherOrganization(next, current)
  );
}
