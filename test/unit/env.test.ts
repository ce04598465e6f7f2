import { describe, expect, it } from "vitest";
import { targetFromEnv } from "@/lib/db/target";
import { freshnessPromise, grantArrival, STREAM_CAP_INSTANCE_DEFAULT, parseEnv } from "@/lib/env";

const SECRET = "s".repeat(40);

describe("environment validation", () => {
  it("works in development with nothing set: PGlite under .data, a development secret", () => {
    const env = parseEnv({});
    expect(env.databaseUrl).toBeUndefined();
    expect(env.pgliteDir).toBe(".data/pglite");
    expect(env.usingDevSecret).toBe(true);
    expect(env.authSecret.length).toBeGreaterThanOrEqual(32);
    expect(env.freshness).toBe("cached");
    expect(env.secureCookies).toBe(false);
  });

  it("requires NEXTAUTH_SECRET in production, with a clear message", () => {
    expect(() => parseEnv({ NODE_ENV: "production" })).toThrow(/NEXTAUTH_SECRET is required in production/);
    expect(parseEnv({ NODE_ENV: "production", NEXTAUTH_SECRET: SECRET }).authSecret).toBe(SECRET);
  });

  it("does not require the secret while `next build` runs", () => {
    expect(() => parseEnv({ NODE_ENV: "production", NEXT_PHASE: "phase-production-build" })).not.toThrow();
  });

  it("rejects a short secret and a non-PostgreSQL DATABASE_URL", () => {
    expect(() => parseEnv({ NEXTAUTH_SECRET: "short" })).toThrow(/at least 32 characters/);
    expect(() => parseEnv({ DATABASE_URL: "mysql://localhost/db" })).toThrow(/postgresql:\/\//);
  });

  it("accepts PostgreSQL URLs and a PGlite directory", () => {
    const env = parseEnv({ DATABASE_URL: "postgresql://u@127.0.0.1:5432/app", PGLITE_DIR: "/tmp/x" });
    expect(env.databaseUrl).toBe("postgresql://u@127.0.0.1:5432/app");
    expect(env.pgliteDir).toBe("/tmp/x");
  });

  it("uses secure cookies on https or when told to", () => {
    expect(parseEnv({ NEXTAUTH_URL: "https://app.example.com" }).secureCookies).toBe(true);
    expect(parseEnv({ NEXTAUTH_URL: "http://localhost:3000" }).secureCookies).toBe(false);
    expect(
      parseEnv({ NEXTAUTH_URL: "http://localhost:3000", AUTH_SECURE_COOKIES: "true" }).secureCookies,
    ).toBe(true);
    expect(() => parseEnv({ AUTH_SECURE_COOKIES: "yes" })).toThrow(/AUTH_SECURE_COOKIES/);
  });

  it("bounds the connection pool: size and connect timeout, validated", () => {
    const env = parseEnv({
      DATABASE_URL: "postgresql://u@db:5432/app",
      DATABASE_POOL_MAX: "4",
      DATABASE_CONNECT_TIMEOUT_MS: "1500",
    });
    expect(targetFromEnv(env)).toMatchObject({ pool: { max: 4, connectTimeoutMs: 1_500 } });
    expect(() => parseEnv({ DATABASE_POOL_MAX: "0" })).toThrow(/DATABASE_POOL_MAX/);
    expect(() => parseEnv({ DATABASE_POOL_MAX: "many" })).toThrow(/DATABASE_POOL_MAX/);
    expect(() => parseEnv({ DATABASE_CONNECT_TIMEOUT_MS: "10" })).toThrow(/DATABASE_CONNECT_TIMEOUT_MS/);
  });

  it("takes a separate LISTEN connection URL and the token memo switch", () => {
    const env = parseEnv({
      DATABASE_URL: "postgresql://u@pooler:6432/app",
      DATABASE_LISTEN_URL: "postgresql://u@db:5432/app",
    });
    expect(targetFromEnv(env)).toEqual({
      kind: "postgres",
      url: "postgresql://u@pooler:6432/app",
      listenUrl: "postgresql://u@db:5432/app",
      pool: { max: 10, connectTimeoutMs: 3_000 },
    });
    expect(() => parseEnv({ DATABASE_LISTEN_URL: "redis://x" })).toThrow(/DATABASE_LISTEN_URL/);
    expect(parseEnv({}).tokenMemo).toBe(true);
    expect(parseEnv({ AUTH_TOKEN_MEMO: "false" }).tokenMemo).toBe(false);
  });

  it("validates the freshness mode and its interval (60 s unless set, 1 s to a day)", () => {
    for (const mode of ["off", "reauth", "lazy", "short", "strict", "cached"])
      expect(parseEnv({ AUTH_FRESHNESS: mode }).freshness).toBe(mode);
    expect(parseEnv({}).freshness).toBe("cached");
    expect(() => parseEnv({ AUTH_FRESHNESS: "sometimes" })).toThrow(/AUTH_FRESHNESS/);
    expect(parseEnv({}).freshnessSeconds).toBe(60);
    expect(parseEnv({ AUTH_FRESHNESS_SECONDS: "5" }).freshnessSeconds).toBe(5);
    for (const bad of ["0", "86401", "1.5", "soon"])
      expect(() => parseEnv({ AUTH_FRESHNESS_SECONDS: bad })).toThrow(/AUTH_FRESHNESS_SECONDS/);
  });

  it("says in words when a change reaches a signed-in user, for every mode", () => {
    expect(freshnessPromise("cached", 60)).toMatch(/on their next request/);
    expect(freshnessPromise("lazy", 30)).toMatch(/within 30 s, not on their next request/);
    // What a refused page says about a grant: "next request" only where it is true.
    expect(grantArrival("cached", 60)).toMatch(/on your next request/);
    expect(grantArrival("strict", 60)).toMatch(/on your next request/);
    expect(grantArrival("short", 30)).toBe("It takes effect within 30 s, without signing in again.");
    expect(grantArrival("reauth", 60)).toMatch(/signed out/);
    expect(grantArrival("off", 60)).toMatch(/next time you sign in/);
    expect(freshnessPromise("short", 45)).toMatch(/within 45 s/);
    expect(freshnessPromise("reauth", 60)).toMatch(/sign in again/);
    expect(freshnessPromise("off", 60)).toMatch(/only when they sign in again/);
  });

  it("limits failed sign-ins (5 per account, 50 per address, 15 minutes) and trusts no proxy by default", () => {
    const env = parseEnv({});
    expect(env.signInLimits).toEqual({ account: 5, address: 50, windowMs: 15 * 60_000 });
    expect(env.trustedProxyHops).toBe(0);
    const set = parseEnv({
      AUTH_SIGN_IN_ACCOUNT_LIMIT: "3",
      AUTH_SIGN_IN_ADDRESS_LIMIT: "200",
      AUTH_SIGN_IN_WINDOW_MINUTES: "60",
      AUTH_TRUSTED_PROXY_HOPS: "1",
    });
    expect(set.signInLimits).toEqual({ account: 3, address: 200, windowMs: 60 * 60_000 });
    expect(set.trustedProxyHops).toBe(1);
    expect(() => parseEnv({ AUTH_SIGN_IN_ACCOUNT_LIMIT: "0" })).toThrow(/AUTH_SIGN_IN_ACCOUNT_LIMIT/);
    expect(() => parseEnv({ AUTH_SIGN_IN_WINDOW_MINUTES: "2.5" })).toThrow(/AUTH_SIGN_IN_WINDOW_MINUTES/);
    expect(() => parseEnv({ AUTH_TRUSTED_PROXY_HOPS: "many" })).toThrow(/AUTH_TRUSTED_PROXY_HOPS/);
  });

  it("sign-up is by invitation unless AUTH_SIGN_UP says open or closed", () => {
    expect(parseEnv({}).signUp).toBe("invite");
    expect(parseEnv({ AUTH_SIGN_UP: "open" }).signUp).toBe("open");
    expect(parseEnv({ AUTH_SIGN_UP: "closed" }).signUp).toBe("closed");
    expect(() => parseEnv({ AUTH_SIGN_UP: "anyone" })).toThrow(/AUTH_SIGN_UP/);
  });

  it("identity providers: none by default; OpenID Connect with all three values, the others in pairs", () => {
    expect(parseEnv({}).identityProviders).toEqual({});
    const oidc = {
      AUTH_OIDC_ISSUER: "https://id.example.com/realms/main",
      AUTH_OIDC_CLIENT_ID: "live-authz",
      AUTH_OIDC_CLIENT_SECRET: "s3cret",
    };
    expect(parseEnv(oidc).identityProviders).toEqual({
      oidc: {
        issuer: oidc.AUTH_OIDC_ISSUER,
        clientId: "live-authz",
        clientSecret: "s3cret",
        name: "Single sign-on",
      },
    });
    expect(parseEnv({ ...oidc, AUTH_OIDC_NAME: "Acme SSO" }).identityProviders.oidc?.name).toBe("Acme SSO");
    const both = parseEnv({
      AUTH_GITHUB_ID: "gh",
      AUTH_GITHUB_SECRET: "ghs",
      AUTH_GOOGLE_ID: "go",
      AUTH_GOOGLE_SECRET: "gos",
    }).identityProviders;
    expect(both).toEqual({
      github: { clientId: "gh", clientSecret: "ghs" },
      google: { clientId: "go", clientSecret: "gos" },
    });
  });

  it("refuses a provider half configured, or an issuer that is not a URL, saying which values go together", () => {
    expect(() => parseEnv({ AUTH_OIDC_ISSUER: "https://id.example.com", AUTH_OIDC_CLIENT_ID: "x" })).toThrow(
      /AUTH_OIDC_CLIENT_SECRET: AUTH_OIDC_ISSUER, AUTH_OIDC_CLIENT_ID, AUTH_OIDC_CLIENT_SECRET go together/,
    );
    expect(() =>
      parseEnv({
        AUTH_OIDC_ISSUER: "id.example.com",
        AUTH_OIDC_CLIENT_ID: "x",
        AUTH_OIDC_CLIENT_SECRET: "y",
      }),
    ).toThrow(/AUTH_OIDC_ISSUER must be the issuer's http\(s\) URL/);
    expect(() => parseEnv({ AUTH_GITHUB_ID: "gh" })).toThrow(/AUTH_GITHUB_SECRET: .*go together/);
    expect(() => parseEnv({ AUTH_GOOGLE_SECRET: "gos" })).toThrow(/AUTH_GOOGLE_ID: .*go together/);
  });

  it("caps event streams per user and per instance, with defaults", () => {
    expect(parseEnv({}).eventStreamsPerUser).toBe(10);
    expect(parseEnv({}).eventStreamsPerInstance).toBe(STREAM_CAP_INSTANCE_DEFAULT);
    const env = parseEnv({ STREAM_CAP_USER: "3", STREAM_CAP_INSTANCE: "500" });
    expect([env.eventStreamsPerUser, env.eventStreamsPerInstance]).toEqual([3, 500]);
    expect(() => parseEnv({ STREAM_CAP_USER: "0" })).toThrow(/STREAM_CAP_USER/);
    expect(() => parseEnv({ STREAM_CAP_INSTANCE: "lots" })).toThrow(/STREAM_CAP_INSTANCE/);
  });
});
