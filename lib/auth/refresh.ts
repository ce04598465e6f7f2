// Server code without `import "server-only"`, which throws in the Pages Router
// route pages/api/me/events.ts that uses it; eslint.config.mjs keeps it out of
// client code.
import { getDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import { loadClaims } from "./claims";
import { ensureFreshClaims, type Freshness, type FreshnessDeps } from "./freshness";
import { getStampSource } from "./stamp-source";
import type { AuthToken } from "./token";

/** Mode off never reads the database (ensureFreshClaims only checks the lifetime). */
const NO_DATABASE: Pick<FreshnessDeps, "stamps" | "loadClaims"> = {
  stamps: { read: () => Promise.reject(new Error("mode off reads no stamps")) },
  loadClaims: () => Promise.reject(new Error("mode off loads no claims")),
};

/** ensureFreshClaims wired to the app's database and configured mode. */
export async function refreshToken(token: AuthToken): Promise<Freshness> {
  const { freshness: mode, sessionLifetimeSeconds: lifetimeSeconds } = env();
  const now = Date.now();
  if (mode === "off") return ensureFreshClaims(token, { mode, now, lifetimeSeconds, ...NO_DATABASE });
  const db = await getDb();
  return ensureFreshClaims(token, {
    mode,
    now,
    lifetimeSeconds,
    stamps: await getStampSource(mode),
    loadClaims: (userId, now) => loadClaims(db.prisma, userId, now),
  });
}
