// The core's own settings, read from process.env once, on first use (never at
// import time, so `next build` needs no secret). lib/env.ts builds the app's
// whole environment on this schema, so both always read a variable alike.
import { z } from "zod";

/** Thirty days from sign-in, unless AUTH_SESSION_LIFETIME_SECONDS says otherwise (./session-cookie.ts). */
export const DEFAULT_SESSION_LIFETIME_SECONDS = 30 * 24 * 60 * 60;

/**
 * A change committed more than this (ms) before a check is never missed: the
 * stamp cache answers only while its listener proves it has heard everything
 * older (docs/SCALING.md, "Staleness"; AUTH_MAX_STALENESS_MS in lib/env.ts).
 */
export const DEFAULT_MAX_STALENESS_MS = 250;

/** AUTH_FRESHNESS: how a session's claims follow a change (./freshness.ts, docs/STRATEGIES.md). */
export const FRESHNESS_MODES = ["off", "reauth", "lazy", "short", "strict", "cached"] as const;

export type FreshnessMode = (typeof FRESHNESS_MODES)[number];

/** The modes that read this instance's stamp cache, and so need its change listener. */
export const usesStampCache = (mode: FreshnessMode): boolean => mode === "cached" || mode === "reauth";

const DEV_SECRET = "development-only-secret-do-not-use-in-production";

export const boolFlag = z.enum(["true", "false"]).transform((v) => v === "true");

export const wholeNumber = (min: number, max: number, fallback: number) =>
  z.coerce
    .number()
    .int(`must be a whole number from ${min} to ${max}`)
    .min(min, `must be a whole number from ${min} to ${max}`)
    .max(max, `must be a whole number from ${min} to ${max}`)
    .default(fallback);

/** The variables the core reads; lib/env.ts adds the app's to these. */
export const authEnvShape = {
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  NEXT_PHASE: z.string().optional(),
  NEXTAUTH_SECRET: z.string().min(32, "NEXTAUTH_SECRET must be at least 32 characters").optional(),
  NEXTAUTH_URL: z.url().optional(),
  AUTH_SECURE_COOKIES: boolFlag.optional(),
  AUTH_FRESHNESS: z.enum(FRESHNESS_MODES).default("cached"),
  AUTH_FRESHNESS_SECONDS: wholeNumber(1, 86_400, 60),
  AUTH_TOKEN_MEMO: boolFlag.default(true),
  AUTH_SESSION_LIFETIME_SECONDS: z.coerce
    .number()
    .int("AUTH_SESSION_LIFETIME_SECONDS must be a whole number of seconds")
    .min(60, "AUTH_SESSION_LIFETIME_SECONDS must be at least 60")
    .default(DEFAULT_SESSION_LIFETIME_SECONDS),
};

type RawAuthEnv = z.output<z.ZodObject<typeof authEnvShape>>;

/** The core's settings from validated variables, or a zod issue when production lacks its secret. */
export function authSettings(raw: RawAuthEnv, ctx: z.RefinementCtx) {
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
    authSecret: raw.NEXTAUTH_SECRET ?? DEV_SECRET,
    usingDevSecret: !raw.NEXTAUTH_SECRET,
    // https deployments get the __Secure- cookie; behind a TLS terminator set AUTH_SECURE_COOKIES=true.
    secureCookies: raw.AUTH_SECURE_COOKIES ?? raw.NEXTAUTH_URL?.startsWith("https://") ?? false,
    // The app's public origin when configured; otherwise each request's own host is used.
    appOrigin: raw.NEXTAUTH_URL ? new URL(raw.NEXTAUTH_URL).origin : undefined,
    freshness: raw.AUTH_FRESHNESS,
    // lazy: how often a session's stamp is compared; short: how long claims are trusted (docs/STRATEGIES.md).
    freshnessSeconds: raw.AUTH_FRESHNESS_SECONDS,
    // Off only to measure what the memo saves (npm run bench).
    tokenMemo: raw.AUTH_TOKEN_MEMO,
    // Counted from sign-in; after it the user signs in again, however often the session was used.
    sessionLifetimeSeconds: raw.AUTH_SESSION_LIFETIME_SECONDS,
  };
}

/** Every variable's problem in one message, or the parsed value. */
export function parseOrExplain<T>(schema: z.ZodType<T>, source: Record<string, string | undefined>): T {
  const result = schema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".") || "env"}: ${i.message}`);
    throw new Error(`Invalid environment variables:\n${lines.join("\n")}`);
  }
  return result.data;
}

const schema = z.object(authEnvShape).transform(authSettings);

type AuthConfig = z.output<typeof schema>;

let cached: AuthConfig | undefined;

/** The core's settings (tests replace this module to change them). */
export function authConfig(): AuthConfig {
  cached ??= parseOrExplain(schema, process.env);
  return cached;
}
