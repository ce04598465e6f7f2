import "server-only";
import { getPrisma } from "@/lib/db/client";
import { type Actor, actorFromClaims, loadClaims, refusalReason } from "./claims";
import { getCurrentUser } from "./dal";

export type { Actor };

/**
 * For server actions and mutating route handlers: a session is required, and
 * the permissions it acts with are read from the database at this moment, not
 * from the token or the cache, so a grant revoked a millisecond ago no longer
 * counts. Null when signed out, revoked or disabled.
 */
export async function loadActor(): Promise<Actor | null> {
  const user = await getCurrentUser();
  if (!user) return null;
  const claims = await loadClaims(await getPrisma(), user.id, Date.now());
  if (!claims || refusalReason(claims, user.authAt)) return null;
  return actorFromClaims(claims);
}
