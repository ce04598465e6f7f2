// Server code without `import "server-only"`, which throws in the Pages Router
// route pages/api/me/events.ts that uses it; eslint.config.mjs keeps it out of
// client code.
import { getDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import { loadClaims } from "./claims";
import { ensureFreshClaims, type Freshness } from "./freshness";
import { getStampSource } from "./stamp-source";
import type { AuthToken } from "./token";

/** ensureFreshClaims wired to the app's database and configured mode. */
export async function refreshToken(token: AuthToken): Promise<Freshness> {
  const mode = env().freshness;
  if (mode === "off") return { kind: "current", token };
  const db = await getDb();
  return ensureFreshClaims(token, {
    mode,
    now: Date.now(),
    stamps: await getStampSource(mode),
    loadClaims: (userId, now) => loadClaims(db.prisma, userId, now),
  });
}
