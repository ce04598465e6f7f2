// The one place that reads process.env. Every variable is validated with zod
// once, on first use (not at import time, so `next build` never needs secrets).
import { z } from "zod";

const DEV_SECRET = "development-only-secret-do-not-use-in-production";

const boolFlag = z.enum(["true", "false"]).transform((v) => v === "true");

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
    PGLITE_DIR: z.string().min(1).default(".data/pglite"),
    NEXTAUTH_SECRET: z.string().min(32, "NEXTAUTH_SECRET must be at least 32 characters").optional(),
    NEXTAUTH_URL: z.url().optional(),
    AUTH_SECURE_COOKIES: boolFlag.optional(),
    AUTH_FRESHNESS: z.enum(["cached", "strict", "off"]).default("cached"),
    AUTH_TOKEN_MEMO: boolFlag.default(true),
    AUTH_SIGN_IN_ACCOUNT_LIMIT: wholeNumber(1, 1000, 5),
    AUTH_SIGN_IN_ADDRESS_LIMIT: wholeNumber(1, 100_000, 50),
    AUTH_SIGN_IN_WINDOW_MINUTES: wholeNumber(1, 1440, 15),
    AUTH_TRUSTED_PROXY_HOPS: wholeNumber(0, 10, 0),
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
      pgliteDir: raw.PGLITE_DIR,
      authSecret: raw.NEXTAUTH_SECRET ?? DEV_SECRET,
      usingDevSecret: !raw.NEXTAUTH_SECRET,
      // https deployments get the __Secure- cookie; behind a TLS terminator set AUTH_SECURE_COOKIES=true.
      secureCookies: raw.AUTH_SECURE_COOKIES ?? raw.NEXTAUTH_URL?.startsWith("https://") ?? false,
      freshness: raw.AUTH_FRESHNESS,
      // Off only to measure what the memo saves (npm run bench).
      tokenMemo: raw.AUTH_TOKEN_MEMO,
      // Failed sign-ins allowed per account and per client address in one window (lib/auth/sign-in-limit.ts).
      signInLimits: {
        account: raw.AUTH_SIGN_IN_ACCOUNT_LIMIT,
        address: raw.AUTH_SIGN_IN_ADDRESS_LIMIT,
        windowMs: raw.AUTH_SIGN_IN_WINDOW_MINUTES * 60_000,
      },
      // 0: the TCP peer is the client. n: n proxies in front append to X-Forwarded-For (lib/auth/client-address.ts).
      trustedProxyHops: raw.AUTH_TRUSTED_PROXY_HOPS,
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
