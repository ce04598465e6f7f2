// The one place that reads process.env. Every variable is validated with zod
// once, on first use (not at import time, so `next build` never needs secrets).
import { z } from "zod";

const DEV_SECRET = "development-only-secret-do-not-use-in-production";

const boolFlag = z.enum(["true", "false"]).transform((v) => v === "true");
const count = z.coerce.number().int().min(1);

export const STREAM_CAP_INSTANCE_DEFAULT = 5000;

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
      pgliteDir: raw.PGLITE_DIR,
      authSecret: raw.NEXTAUTH_SECRET ?? DEV_SECRET,
      usingDevSecret: !raw.NEXTAUTH_SECRET,
      // https deployments get the __Secure- cookie; behind a TLS terminator set AUTH_SECURE_COOKIES=true.
      secureCookies: raw.AUTH_SECURE_COOKIES ?? raw.NEXTAUTH_URL?.startsWith("https://") ?? false,
      freshness: raw.AUTH_FRESHNESS,
      // Off only to measure what the memo saves (npm run bench).
      tokenMemo: raw.AUTH_TOKEN_MEMO,
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
