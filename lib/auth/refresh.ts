import "server-only";
import { getDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import { databaseStamps } from "@/lib/live/stamp-cache";
import { liveInstance } from "@/lib/live/wiring";
import { loadClaims } from "./claims";
import { ensureFreshClaims, type Freshness, type FreshnessDeps } from "./freshness";
import type { AuthToken } from "./token";

/** Mode off never reads the database (ensureFreshClaims only checks the lifetime). */
const NO_DATABASE: Pick<FreshnessDeps, "stamps" | "loadClaims"> = {
  stamps: { read: () => Promise.reject(new Error("mode off reads no stamps")) },
  loadClaims: () => Promise.reject(new Error("mode off loads no claims")),
};

/**
 * Whether this session may go on, and with which claims: ensureFreshClaims
 * wired to the app's database and configured mode (AUTH_FRESHNESS). Never
 * re-encodes the token; the proxy does that when the claims were rebuilt.
 */
export async function checkSessionFreshness(token: AuthToken): Promise<Freshness> {
  const { freshness: mode, sessionLifetimeSeconds: lifetimeSeconds } = env();
  const now = Date.now();
  if (mode === "off") return ensureFreshClaims(token, { mode, now, lifetimeSeconds, ...NO_DATABASE });
  const db = await getDb();
  return ensureFreshClaims(token, {
    mode,
    now,
    lifetimeSeconds,
    // strict: one database read per check; cached: this instance's stamp cache (lib/live/wiring.ts).
    stamps: mode === "strict" ? databaseStamps(db.prisma) : (await liveInstance()).cache,
    loadClaims: (userId, now) => loadClaims(db.prisma, userId, now),
  });
}
