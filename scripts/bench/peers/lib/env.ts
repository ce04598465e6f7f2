// The settings the benchmark gives every instance (measure/bench/peers.ts).
// Read on first use, never at import time: `next build` runs without them.
export type PeersEnv = {
  databaseUrl: string;
  /** One secret for next-auth's JWT and cookies and Better Auth's signatures (32+ characters). */
  secret: string;
  /** The instance's own address (set by the benchmark's server starter). */
  baseUrl: string;
  /** Better Auth's short cookie cache window, in seconds (the main bench's --seconds). */
  shortWindowSeconds: number;
};

export function peersEnv(): PeersEnv {
  const { DATABASE_URL, PEERS_SECRET, NEXTAUTH_URL, PEERS_SHORT_WINDOW_SECONDS } = process.env;
  if (!DATABASE_URL || !PEERS_SECRET || PEERS_SECRET.length < 32 || !NEXTAUTH_URL)
    throw new Error("DATABASE_URL, PEERS_SECRET (32+ characters) and NEXTAUTH_URL must be set");
  const shortWindowSeconds = Number(PEERS_SHORT_WINDOW_SECONDS ?? "2");
  if (!Number.isInteger(shortWindowSeconds) || shortWindowSeconds < 1)
    throw new Error("PEERS_SHORT_WINDOW_SECONDS must be a whole number, at least 1");
  return { databaseUrl: DATABASE_URL, secret: PEERS_SECRET, baseUrl: NEXTAUTH_URL, shortWindowSeconds };
}
