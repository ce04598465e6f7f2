// The one place that reads process.env. Every variable is validated with zod
// once, on first use (not at import time, so `next build` never needs secrets).
// The core's variables (sessions, freshness) are lib/auth/config.ts's: this
// schema adds the app's to them.
import { z } from "zod";
import {
  authEnvShape,
  authSettings,
  DEFAULT_MAX_STALENESS_MS,
  boolFlag,
  type FreshnessMode,
  parseOrExplain,
  wholeNumber,
} from "@/lib/auth/config";

export {
  DEFAULT_MAX_STALENESS_MS,
  DEFAULT_SESSION_LIFETIME_SECONDS,
  FRESHNESS_MODES,
  type FreshnessMode,
  usesStampCache,
} from "@/lib/auth/config";

const count = z.coerce.number().int().min(1);

export const STREAM_CAP_INSTANCE_DEFAULT = 5000;

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

/** What a refused page tells the user about a grant they ask for, true under `mode`. */
export function grantArrival(mode: FreshnessMode, seconds: number): string {
  switch (mode) {
    case "off":
      return "It takes effect the next time you sign in.";
    case "reauth":
      return "When it takes effect you are signed out: sign in again to use it.";
    case "lazy":
    case "short":
      return `It takes effect within ${seconds} s, without signing in again.`;
    case "strict":
    case "cached":
      return "It takes effect on your next request, without signing in again.";
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
    // Who may create an account: from an invitation's link (default); also anyone at /sign-up or
    // through an identity provider ("open"); only admins ("closed").
    AUTH_SIGN_UP: z
      .enum(["invite", "open", "closed"], 'AUTH_SIGN_UP must be "invite", "open" or "closed"')
      .default("invite"),
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
    // Mail (lib/mail): an SMTP server, and the sender's address, required with it.
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\/\S+$/, "SMTP_URL must be an smtp:// or smtps:// URL")
      .pipe(z.url("SMTP_URL must be an smtp:// or smtps:// URL"))
      .optional(),
    MAIL_FROM: z
      .string()
      .trim()
      .max(320)
      .refine(isMailbox, 'MAIL_FROM must be an address, or "Name <address>"')
      .optional(),
    // Mail kept in the dev mailbox under NODE_ENV=production too: for a test server on this machine only.
    MAIL_DEV_MAILBOX: boolFlag.optional(),
    // Identity providers (lib/sign-in/identity-providers.ts): each one on when its values are set.
    AUTH_OIDC_ISSUER: z
      .url({ protocol: /^https?$/, error: "AUTH_OIDC_ISSUER must be the issuer's http(s) URL" })
      .optional(),
    AUTH_OIDC_CLIENT_ID: z.string().min(1).optional(),
    AUTH_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    AUTH_OIDC_NAME: z.string().trim().min(1).max(60).default("Single sign-on"),
    AUTH_GITHUB_ID: z.string().min(1).optional(),
    AUTH_GITHUB_SECRET: z.string().min(1).optional(),
    AUTH_GOOGLE_ID: z.string().min(1).optional(),
    AUTH_GOOGLE_SECRET: z.string().min(1).optional(),
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
    // invite: an invitation's link creates the account; open: also /sign-up, verified by mail; closed: neither.
    signUp: raw.AUTH_SIGN_UP,
    tokenPrivateKey: raw.AUTH_TOKEN_PRIVATE_KEY,
    // Lifetime of a bearer access token (POST /api/tokens); the refresh token lives as long as the session.
    accessTokenSeconds: raw.AUTH_ACCESS_TOKEN_SECONDS,
    // Origins allowed to call /api/* with a bearer token from a browser (CORS); none by default.
    corsOrigins: raw.AUTH_CORS_ORIGINS,
    // Caps on GET /api/me/events; past either, 429 with Retry-After.
    eventStreamsPerUser: raw.STREAM_CAP_USER,
    eventStreamsPerInstance: raw.STREAM_CAP_INSTANCE,
    mail: mailSettings(raw, ctx),
    identityProviders: identityProviderSettings(raw, ctx),
  }));

export type Env = z.output<typeof schema>;

/** How mail leaves (lib/mail): an SMTP server, the dev mailbox (a table), or not at all. */
type MailSettings =
  | { transport: "smtp"; smtpUrl: string; from: string }
  | { transport: "dev-mailbox"; from: string }
  | { transport: "unavailable" };

const DEV_MAIL_FROM = "Live Authz <no-reply@localhost>";

/** "someone@example.com" or "Some One <someone@example.com>", on one line. */
function isMailbox(value: string): boolean {
  const address = /^[^<>\r\n]*<([^<>\s]+)>$/.exec(value)?.[1] ?? value;
  return z.email().safeParse(address).success;
}

type RawMail = {
  NODE_ENV: string;
  NEXTAUTH_URL?: string;
  SMTP_URL?: string;
  MAIL_FROM?: string;
  MAIL_DEV_MAILBOX?: boolean;
};

/**
 * Never a silent drop: with SMTP_URL, mail is sent (and MAIL_FROM must say
 * from whom); without it, outside production it is kept in the dev mailbox,
 * and in production features that need mail refuse, saying so. The dev
 * mailbox shows reset links to anyone who can open it, so in production it
 * is only allowed for a server whose address (NEXTAUTH_URL) is this machine.
 */
function mailSettings(raw: RawMail, ctx: z.RefinementCtx): MailSettings {
  if (raw.SMTP_URL) {
    if (raw.MAIL_FROM) return { transport: "smtp", smtpUrl: raw.SMTP_URL, from: raw.MAIL_FROM };
    ctx.addIssue({ code: "custom", path: ["MAIL_FROM"], message: "MAIL_FROM is required with SMTP_URL" });
    return { transport: "unavailable" };
  }
  const from = raw.MAIL_FROM ?? DEV_MAIL_FROM;
  if (raw.NODE_ENV !== "production") return { transport: "dev-mailbox", from };
  if (!raw.MAIL_DEV_MAILBOX) return { transport: "unavailable" };
  const host = raw.NEXTAUTH_URL ? new URL(raw.NEXTAUTH_URL).hostname : null;
  if (host === "127.0.0.1" || host === "localhost" || host === "[::1]")
    return { transport: "dev-mailbox", from };
  ctx.addIssue({
    code: "custom",
    path: ["MAIL_DEV_MAILBOX"],
    message:
      "MAIL_DEV_MAILBOX=true in production needs NEXTAUTH_URL on 127.0.0.1 or localhost (a test server)",
  });
  return { transport: "unavailable" };
}

/** The identity providers this server offers, each only when all its values are set. */
export type IdentityProviderSettings = {
  oidc?: { issuer: string; clientId: string; clientSecret: string; name: string };
  github?: { clientId: string; clientSecret: string };
  google?: { clientId: string; clientSecret: string };
};

type RawProviders = {
  AUTH_OIDC_ISSUER?: string;
  AUTH_OIDC_CLIENT_ID?: string;
  AUTH_OIDC_CLIENT_SECRET?: string;
  AUTH_OIDC_NAME: string;
  AUTH_GITHUB_ID?: string;
  AUTH_GITHUB_SECRET?: string;
  AUTH_GOOGLE_ID?: string;
  AUTH_GOOGLE_SECRET?: string;
};

/**
 * A provider half configured is a mistake, never a silent "off": all of its
 * values or none, or the server does not start.
 */
function identityProviderSettings(raw: RawProviders, ctx: z.RefinementCtx): IdentityProviderSettings {
  const complete = (names: (keyof RawProviders)[]): boolean => {
    const set = names.filter((name) => raw[name] !== undefined);
    if (set.length === 0 || set.length === names.length) return set.length > 0;
    ctx.addIssue({
      code: "custom",
      path: [names.find((name) => raw[name] === undefined)!],
      message: `${names.join(", ")} go together: set all of them or none (${set.join(", ")} set)`,
    });
    return false;
  };
  const settings: IdentityProviderSettings = {};
  if (complete(["AUTH_OIDC_ISSUER", "AUTH_OIDC_CLIENT_ID", "AUTH_OIDC_CLIENT_SECRET"]))
    settings.oidc = {
      issuer: raw.AUTH_OIDC_ISSUER!,
      clientId: raw.AUTH_OIDC_CLIENT_ID!,
      clientSecret: raw.AUTH_OIDC_CLIENT_SECRET!,
      name: raw.AUTH_OIDC_NAME,
    };
  if (complete(["AUTH_GITHUB_ID", "AUTH_GITHUB_SECRET"]))
    settings.github = { clientId: raw.AUTH_GITHUB_ID!, clientSecret: raw.AUTH_GITHUB_SECRET! };
  if (complete(["AUTH_GOOGLE_ID", "AUTH_GOOGLE_SECRET"]))
    settings.google = { clientId: raw.AUTH_GOOGLE_ID!, clientSecret: raw.AUTH_GOOGLE_SECRET! };
  return settings;
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  return parseOrExplain(schema, source);
}

let cached: Env | undefined;

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
