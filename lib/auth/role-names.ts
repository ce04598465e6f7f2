import "server-only";
import { getPrisma } from "@/lib/db/client";
import { loadClaims } from "./claims";
import { type RoleNameKey, roleNameMemo } from "./role-memo";

/**
 * The role names of a signed-in user, for display. Only what shows role names
 * calls this (the signed-in pages, GET /api/me/permissions, next-auth's
 * session), so no other request pays for them. Answered from memory when this
 * instance has loaded the user's claims at this permission stamp (it has, whenever it
 * rebuilt or issued the token); otherwise one read, remembered from then on.
 * A change that committed in between gives the newer names: the same request's
 * freshness check rebuilds the rest on the next one.
 */
export async function roleNamesOf(key: RoleNameKey): Promise<string[]> {
  const known = roleNameMemo().get(key);
  if (known) return known;
  const claims = await loadClaims(await getPrisma(), key.userId, Date.now());
  return claims?.roles ?? [];
}
