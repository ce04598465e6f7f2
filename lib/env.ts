// The one place that reads process.env. Every variable is validated with zod
// once, on first use (not at import time, so `next build` never needs secrets).
// The core's variables (sessions, freshness) are lib/auth/config.ts's: this
// schema adds the app's to them.
import { z } from "zod";
import {
  authEnvShape,
  authSettings,
  type FreshnessMode,
  parseOrExplain,
  wholeNumber,
} from "@/lib/auth/config";

export {
  DEFAULT_SESSION_LIFETIME_SECONDS,
  FRESHNESS_MODES,
  type FreshnessMode,
  usesStampCache,
} from "@/lib/auth/config";

const count = z.coerce.number().int().min(1);

export const STREAM_CAP_INSTANCE_DEFAULT = 5000;

/** A change committed more than this (ms) before a check is never missed (docs/SCALING.md, "Staleness"). */
export const DEFAULT_MAX_STALENESS_MS = 250;

/** When a change to a signed-in user's access reaches them under `mode`: what the app promises, said plainly. */
export function freshnessPromise(mode: FreshnessMode, seconds: number): string {
  switch (mode) {
    case "off":
      return "Changes reach a signed-in user only when they sign in again.";
    case "reauth":
      return "A change ends the user's session on their next request: they sign in again.";
    case "lazy":
      return `Changes reach a signed-in user within ${seconds} s, not on their next request.`;
    case "short":
      return `Changes reach a signed-in user within ${seconds} s, when their claims are rebuilt.`;
    case "strict":
    case "cached":
      return "Changes reach a signed-in user on their next request.";
  }
}

const schema = z
  .object({
    ...authEnvShape,
    DATABASE_URL: z
      .string()
      .regex(
        /^postgres(ql)?:\/\//,
        "DATABASE_URL must start with postgresql:// (leave it unset for the embedded PGlite database)",
      )
      .optional(),
    DATABASE_LISTEN_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "DATABASE_LISTEN_URL must start with postgresql://")
      .optional(),
    DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(1_000).default(10),
    DATABASE_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(3_000),
    PGLITE_DIR: z.string().min(1).default(".data/pglite"),
    // Set by a runner (npm run dev, the e2e server) for the Next server it starts: see lib/db/pglite-lock.ts.
    PGLITE_LOCK_TOKEN: z.string().min(1).optional(),
    AUTH_MAX_STALENESS_MS: wholeNumber(50, 600_000, DEFAULT_MAX_STALENESS_MS),
    AUTH_SIGN_IN_ACCOUNT_LIMIT: wholeNumber(1, 1000, 5),
    AUTH_SIGN_IN_ADDRESS_LIMIT: wholeNumber(1, 100_000, 50),
    AUTH_SIGN_IN_WINDOW_MINUTES: wholeNumber(1, 1440, 15),
    AUTH_TRUSTED_PROXY_HOPS: wholeNumber(0, 10, 0),
    // A private JWK (JSON) that signs access tokens; unset: a key pair kept in the database (lib/sessions/signing-keys.ts).
    AUTH_TOKEN_PRIVATE_KEY: z.string().min(1).optional(),
    AUTH_ACCESS_TOKEN_SECONDS: wholeNumber(30, 3600, 300),
    AUTH_CORS_ORIGINS: z
      .string()
      .default("")
      .transform((value) =>
        value
          .split(",")
          .map((origin) => origin.trim())
          .filter(Boolean),
      )
      .pipe(z.array(z.url().transform((url) => new URL(url).origin)).max(50)),
    STREAM_CAP_USER: count.default(10),
    // From `npm run bench:streams`: see docs/SCALING.md, "Event stream limits".
    STREAM_CAP_INSTANCE: count.default(STREAM_CAP_INSTANCE_DEFAULT),
  })
  .transform((raw, ctx) => ({
    ...authSettings(raw, ctx),
    databaseUrl: raw.DATABASE_URL,
    // LISTEN needs a session of its own: behind a transaction-mode pooler, point this at the server directly.
    databaseListenUrl: raw.DATABASE_LISTEN_URL,
    // Per instance: instances × (max + 1 for LISTEN) must fit PostgreSQL's max_connections.
    poolMax: raw.DATABASE_POOL_MAX,
    // How long a request waits for a connection before it answers 503 (and the listener gives up an attempt).
    connectTimeoutMs: raw.DATABASE_CONNECT_TIMEOUT_MS,
    pgliteDir: raw.PGLITE_DIR,
    pgliteLockToken: raw.PGLITE_LOCK_TOKEN,
    // Memory answers a check only while the listener proves it has heard every change committed
    // longer ago than this; otherwise the check reads the database (lib/db/listener-currency.ts).
    maxStalenessMs: raw.AUTH_MAX_STALENESS_MS,
    // Failed sign-ins allowed per account and per client address in one window (lib/sign-in/limits.ts).
    signInLimits: {
      account: raw.AUTH_SIGN_IN_ACCOUNT_LIMIT,
      address: raw.AUTH_SIGN_IN_ADDRESS_LIMIT,
      windowMs: raw.AUTH_SIGN_IN_WINDOW_MINUTES * 60_000,
    },
    // 0: the TCP peer is the client. n: n proxies in front append to X-Forwarded-For (lib/sign-in/client-address.ts).
    trustedProxyHops: raw.AUTH_TRUSTED_PROXY_HOPS,
    tokenPrivateKey: raw.AUTH_TOKEN_PRIVATE_KEY,
    // Lifetime of a bearer access token (POST /api/tokens); the refresh token lives as long as the session.
    accessTokenSeconds: raw.AUTH_ACCESS_TOKEN_SECONDS,
    // Origins allowed to call /api/* with a bearer token from a browser (CORS); none by default.
    corsOrigins: raw.AUTH_CORS_ORIGINS,
    // Caps on GET /api/me/events; past either, 429 with Retry-After.
    eventStreamsPerUser: raw.STREAM_CAP_USER,
    eventStreamsPerInstance: raw.STREAM_CAP_INSTANCE,
  }));

export type Env = z.output<typeof schema>;

export function parseEnv(source: Record<string, string | undefined>): Env {
  return parseOrExplain(schema, source);
}

let cached: Env | undefined;

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
