// The one place that reads process.env. Every variable is validated with zod
// once, on first use (not at import time, so `next build` never needs secrets).
import { z } from "zod";

/** Thirty days from sign-in, unless AUTH_SESSION_LIFETIME_SECONDS says otherwise (lib/auth/session-cookie.ts). */
export const DEFAULT_SESSION_LIFETIME_SECONDS = 30 * 24 * 60 * 60;

const DEV_SECRET = "development-only-secret-do-not-use-in-production";

const boolFlag = z.enum(["true", "false"]).transform((v) => v === "true");
const count = z.coerce.number().int().min(1);

export const STREAM_CAP_INSTANCE_DEFAULT = 5000;

/** A change committed more than this (ms) before a check is never missed (docs/SCALING.md, "Staleness"). */
export const DEFAULT_MAX_STALENESS_MS = 250;

/** AUTH_FRESHNESS: how a session's claims follow a change (lib/auth/freshness.ts, docs/STRATEGIES.md). */
export const FRESHNESS_MODES = ["off", "reauth", "lazy", "short", "strict", "cached"] as const;

export type FreshnessMode = (typeof FRESHNESS_MODES)[number];

/** The modes that read this instance's stamp cache, and so need its change listener. */
export const usesStampCache = (mode: FreshnessMode): boolean => mode === "cached" || mode === "reauth";

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

const wholeNumber = (min: number, max: number, fallback: number) =>
  z.coerce
    .number()
    .int(`must be a whole number from ${min} to ${max}`)
    .min(min, `must be a whole number from ${min} to ${max}`)
    .max(max, `must be a whole number from ${min} to ${max}`)
    .default(fallback);

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    NEXT_PHASE: z.string().optional(),
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
    NEXTAUTH_SECRET: z.string().min(32, "NEXTAUTH_SECRET must be at least 32 characters").optional(),
    NEXTAUTH_URL: z.url().optional(),
    AUTH_SECURE_COOKIES: boolFlag.optional(),
    AUTH_FRESHNESS: z.enum(FRESHNESS_MODES).default("cached"),
    AUTH_FRESHNESS_SECONDS: wholeNumber(1, 86_400, 60),
    AUTH_TOKEN_MEMO: boolFlag.default(true),
    AUTH_MAX_STALENESS_MS: wholeNumber(50, 600_000, DEFAULT_MAX_STALENESS_MS),
    AUTH_SESSION_LIFETIME_SECONDS: z.coerce
      .number()
      .int("AUTH_SESSION_LIFETIME_SECONDS must be a whole number of seconds")
      .min(60, "AUTH_SESSION_LIFETIME_SECONDS must be at least 60")
      .default(DEFAULT_SESSION_LIFETIME_SECONDS),
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
  .transform((raw, ctx) => {
    const building = raw.NEXT_PHASE === "phase-production-build";
    if (raw.NODE_ENV === "production" && !raw.NEXTAUTH_SECRET && !building) {
      ctx.addIssue({
        code: "custom",
        path: ["NEXTAUTH_SECRET"],
        message: "NEXTAUTH_SECRET is required in production. Generate one with: openssl rand -base64 32",
      });
      return z.NEVER;
    }
    return {
      nodeEnv: raw.NODE_ENV,
      databaseUrl: raw.DATABASE_URL,
      // LISTEN needs a session of its own: behind a transaction-mode pooler, point this at the server directly.
      databaseListenUrl: raw.DATABASE_LISTEN_URL,
      // Per instance: instances × (max + 1 for LISTEN) must fit PostgreSQL's max_connections.
      poolMax: raw.DATABASE_POOL_MAX,
      // How long a request waits for a connection before it answers 503 (and the listener gives up an attempt).
      connectTimeoutMs: raw.DATABASE_CONNECT_TIMEOUT_MS,
      pgliteDir: raw.PGLITE_DIR,
      pgliteLockToken: raw.PGLITE_LOCK_TOKEN,
      authSecret: raw.NEXTAUTH_SECRET ?? DEV_SECRET,
      usingDevSecret: !raw.NEXTAUTH_SECRET,
      // https deployments get the __Secure- cookie; behind a TLS terminator set AUTH_SECURE_COOKIES=true.
      secureCookies: raw.AUTH_SECURE_COOKIES ?? raw.NEXTAUTH_URL?.startsWith("https://") ?? false,
      // The app's public origin when configured; otherwise each request's own host is used.
      appOrigin: raw.NEXTAUTH_URL ? new URL(raw.NEXTAUTH_URL).origin : undefined,
      freshness: raw.AUTH_FRESHNESS,
      // lazy: how often a session's stamp is compared; short: how long claims are trusted (docs/STRATEGIES.md).
      freshnessSeconds: raw.AUTH_FRESHNESS_SECONDS,
      // Memory answers a check only while the listener proves it has heard every change committed
      // longer ago than this; otherwise the check reads the database (lib/db/listener-currency.ts).
      maxStalenessMs: raw.AUTH_MAX_STALENESS_MS,
      // Off only to measure what the memo saves (npm run bench).
      tokenMemo: raw.AUTH_TOKEN_MEMO,
      // Counted from sign-in; after it the user signs in again, however often the session was used.
      sessionLifetimeSeconds: raw.AUTH_SESSION_LIFETIME_SECONDS,
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
    };
  });

export type Env = z.output<typeof schema>;

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = schema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".") || "env"}: ${i.message}`);
    throw new Error(`Invalid environment variables:\n${lines.join("\n")}`);
  }
  return result.data;
}

let cached: Env | undefined;

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
