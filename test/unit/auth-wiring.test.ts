// The wiring between the freshness check and the app: checkSessionFreshness
// (lib/auth/fresh-session.ts: mode, clock, stamp source, through the app's
// host, lib/live-claims.ts), lib/live/instance.ts
// (one cache and one listener per process, the wait after a write) and
// next-auth's options, each with its collaborators stubbed.
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { AuthToken } from "@/lib/auth/token";
import type { Database } from "@/lib/db/open";
import { setAppDatabase } from "../support/app-database";

const stubs = vi.hoisted(() => ({
  env: {
    authSecret: "a-secret-that-is-long-enough-for-the-codec",
    secureCookies: false,
    freshness: "cached",
    freshnessSeconds: 60,
    nodeEnv: "test",
    sessionLifetimeSeconds: 30 * 24 * 60 * 60,
    signUp: "invite",
    // No identity provider configured: credentials only (test/integration/provider-sign-in.test.ts has them).
    identityProviders: {},
  },
  queryRaw: vi.fn<() => Promise<{ permissionsUpdatedAt: Date }[]>>(),
  getDb: vi.fn<() => Promise<unknown>>(),
  listeners: [] as {
    started: Promise<void>;
    sync: ReturnType<typeof vi.fn>;
    onChange?: (ids: string[] | null) => void;
  }[],
  hubChanged: vi.fn(),
  ensureFreshClaims: vi.fn<(token: unknown, deps: unknown) => Promise<unknown>>(),
  loadClaims: vi.fn<(...args: unknown[]) => Promise<unknown>>(),
  signInFromRequest: vi.fn<(...args: unknown[]) => Promise<unknown>>(),
  endSession: vi.fn<(...args: unknown[]) => Promise<boolean>>(),
}));
vi.mock("@/lib/env", async (original) => ({ ...(await original<object>()), env: () => stubs.env }));
vi.mock("@/lib/auth/config", async (original) => ({
  ...(await original<object>()),
  authConfig: () => stubs.env,
}));
vi.mock("@/lib/db/change-listener", () => ({
  ChangeListener: class {
    started = Promise.resolve();
    sync = vi.fn(async () => {});
    constructor(_db: unknown, options: { onChange?: (ids: string[] | null) => void }) {
      stubs.listeners.push({ started: this.started, sync: this.sync, onChange: options.onChange });
    }
  },
}));
vi.mock("@/lib/live/change-hub", () => ({ changeHub: () => ({ changed: stubs.hubChanged }) }));
vi.mock("@/lib/auth/freshness", async (original) => ({
  ...(await original<object>()),
  ensureFreshClaims: stubs.ensureFreshClaims,
}));
vi.mock("@/lib/auth/claims", async (original) => ({
  ...(await original<object>()),
  loadClaims: stubs.loadClaims,
}));
vi.mock("@/lib/sign-in/attempt", () => ({ signInFromRequest: stubs.signInFromRequest }));
vi.mock("@/lib/auth/session-registry", async (original) => ({
  ...(await original<object>()),
  endSession: stubs.endSession,
}));

setAppDatabase(stubs.getDb as () => Promise<Database>);

const { checkSessionFreshness } = await import("@/lib/auth/fresh-session");
const { liveInstance, liveSlot, settleChanges } = await import("@/lib/live/instance");
const { authOptions, SessionRefusedError } = await import("@/lib/sign-in/next-auth");
const { StampCache } = await import("@/lib/auth/stamp-cache");
const { organizationClaims } = await import("@/lib/tenancy/claims-extension");

const db = { prisma: { $queryRaw: stubs.queryRaw, $executeRaw: vi.fn(async () => 1) } };
const token = {
  sub: "u1",
  authAt: 1,
  perms: "",
  cat: "c",
  permsAt: 5,
  grantExp: null,
} as AuthToken;

beforeEach(() => {
  vi.clearAllMocks();
  liveSlot.set(undefined);
  stubs.listeners.length = 0;
  stubs.env.freshness = "cached";
  stubs.getDb.mockResolvedValue(db);
});

describe("checkSessionFreshness", () => {
  it("off: only the lifetime is checked, without touching the database", async () => {
    stubs.env.freshness = "off";
    stubs.ensureFreshClaims.mockResolvedValue({ kind: "current", token });
    expect(await checkSessionFreshness(token)).toEqual({ kind: "current", token });
    expect(stubs.getDb).not.toHaveBeenCalled();
    const deps = stubs.ensureFreshClaims.mock.calls[0]![1] as {
      mode: string;
      lifetimeSeconds: number;
      stamps: { read(id: string): Promise<unknown> };
      loadClaims(id: string, at: number): Promise<unknown>;
    };
    expect(deps).toMatchObject({ mode: "off", lifetimeSeconds: stubs.env.sessionLifetimeSeconds });
    await expect(deps.stamps.read("u1")).rejects.toThrow(/no stamps/);
    await expect(deps.loadClaims("u1", 1)).rejects.toThrow(/no claims/);
  });

  it("cached: the check runs now, against the process's stamp cache, loading claims from the app's database", async () => {
    stubs.ensureFreshClaims.mockResolvedValue({ kind: "current", token });
    const before = Date.now();
    await checkSessionFreshness(token);
    const [passed, deps] = stubs.ensureFreshClaims.mock.calls[0]! as [
      AuthToken,
      {
        mode: string;
        now: number;
        stamps: unknown;
        loadClaims(id: string, at: number, org: string | null): Promise<unknown>;
      },
    ];
    expect(passed).toBe(token);
    expect(deps.mode).toBe("cached");
    expect(deps.now).toBeGreaterThanOrEqual(before);
    expect(deps.now).toBeLessThanOrEqual(Date.now());
    expect(deps.stamps).toBeInstanceOf(StampCache);
    expect(deps.stamps).toBe((await liveInstance()).cache);
    await deps.loadClaims("u1", 42, "org1");
    // With the app's claims extension (lib/live-claims.ts): organizations count in the rebuilt claims.
    expect(stubs.loadClaims).toHaveBeenCalledWith(db.prisma, "u1", 42, "org1", organizationClaims);
  });

  it("strict: every read goes to the database", async () => {
    stubs.env.freshness = "strict";
    stubs.ensureFreshClaims.mockResolvedValue({ kind: "current", token });
    await checkSessionFreshness(token);
    const deps = stubs.ensureFreshClaims.mock.calls[0]![1] as {
      mode: string;
      stamps: { read(id: string): Promise<unknown> };
    };
    expect(deps.mode).toBe("strict");
    stubs.queryRaw.mockResolvedValue([{ permissionsUpdatedAt: new Date(77) }]);
    expect(await deps.stamps.read("u1")).toBe(77);
    stubs.queryRaw.mockResolvedValue([]);
    expect(await deps.stamps.read("gone")).toBeNull();
    expect(stubs.listeners).toHaveLength(0);
  });

  type ModeDeps = {
    mode: string;
    intervalMs: number;
    stamps: unknown;
    checks?: { lastCheck(key: string): number | undefined; checked(key: string, at: number): void };
  };
  const depsOf = async (mode: string) => {
    stubs.env.freshness = mode;
    stubs.ensureFreshClaims.mockResolvedValue({ kind: "current", token });
    await checkSessionFreshness(token);
    return stubs.ensureFreshClaims.mock.calls.at(-1)![1] as ModeDeps;
  };

  it("lazy reads the database every interval and remembers at most MAX_LAZY_SESSIONS check times", async () => {
    const { MAX_LAZY_SESSIONS } = await import("@/lib/auth/fresh-session");
    const deps = await depsOf("lazy");
    expect(deps).toMatchObject({ mode: "lazy", intervalMs: 60_000 });
    expect(deps.stamps).not.toBeInstanceOf(StampCache);
    const checks = deps.checks!;
    for (let i = 0; i <= MAX_LAZY_SESSIONS; i++) checks.checked(`s${i}`, i);
    expect(checks.lastCheck("s0")).toBeUndefined(); // the least recently checked went first
    expect(checks.lastCheck(`s${MAX_LAZY_SESSIONS}`)).toBe(MAX_LAZY_SESSIONS);
    checks.checked("s1", 5); // checked again: now the most recent, so s2 goes next
    checks.checked("new", 6);
    expect(checks.lastCheck("s1")).toBe(5);
    expect(checks.lastCheck("s2")).toBeUndefined();
    // Every check of the process shares them.
    expect((await depsOf("lazy")).checks!.lastCheck("new")).toBe(6);
    expect((await depsOf("short")).checks).toBeUndefined();
  });

  it("reauth reads the stamp cache, and a refusal for changed permissions ends the session's row", async () => {
    const deps = await depsOf("reauth");
    expect(deps.stamps).toBe((await liveInstance()).cache);
    const withRow = { ...token, sid: "row1" } as AuthToken;
    stubs.ensureFreshClaims.mockResolvedValue({
      kind: "refused",
      reason: "permissions changed: sign in again",
    });
    expect(await checkSessionFreshness(withRow)).toMatchObject({ kind: "refused" });
    expect(stubs.endSession).toHaveBeenCalledWith(db.prisma, "u1", "row1", "permissions_changed");
    // Any other refusal ends nothing here (its row already ended, or the user is gone).
    stubs.endSession.mockClear();
    stubs.ensureFreshClaims.mockResolvedValue({ kind: "refused", reason: "user is disabled" });
    await checkSessionFreshness(withRow);
    expect(stubs.endSession).not.toHaveBeenCalled();
  });
});

describe("the live instance", () => {
  it("one cache and one listener per process, feeding the change hub", async () => {
    const [a, b] = await Promise.all([liveInstance(), liveInstance()]);
    expect(a).toBe(b);
    expect(stubs.listeners).toHaveLength(1);
    expect(a.cache).toBeInstanceOf(StampCache);
    stubs.listeners[0]!.onChange?.(["u1"]);
    expect(stubs.hubChanged).toHaveBeenCalledWith(["u1"]);
  });

  it("a failed start is forgotten, so the next request tries again", async () => {
    stubs.getDb.mockRejectedValueOnce(new Error("database down"));
    await expect(liveInstance()).rejects.toThrow("database down");
    expect(liveSlot.get()).toBeUndefined();
    await expect(liveInstance()).resolves.toMatchObject({ cache: expect.any(StampCache) });
  });

  it("settleChanges waits for the listener's echo; with no cache in use there is nothing to wait for", async () => {
    await settleChanges();
    expect(stubs.listeners).toHaveLength(0);
    await liveInstance();
    await settleChanges();
    expect(stubs.listeners[0]!.sync).toHaveBeenCalledTimes(1);
    liveSlot.set(Promise.reject(new Error("never started")));
    await expect(settleChanges()).resolves.toBeUndefined();
  });
});

describe("next-auth options", () => {
  // Built once per module, on first use: this first test builds them, so it checks every
  // setting made at build time (the mutation run counts what each test executes).
  const options = () => authOptions();

  it("JWT sessions for 30 days, our cookie settings, sign-in page, codec, provider and logger, built once", async () => {
    const built = options();
    expect(authOptions()).toBe(built);
    expect(built).toMatchObject({
      secret: stubs.env.authSecret,
      useSecureCookies: false,
      session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
      pages: { signIn: "/sign-in" },
      callbacks: { signIn: expect.any(Function), jwt: expect.any(Function), session: expect.any(Function) },
      logger: { error: expect.any(Function), warn: expect.any(Function), debug: expect.any(Function) },
    });
    expect(built.providers).toHaveLength(1);
    expect(built.providers[0]).toMatchObject({
      id: "credentials",
      options: {
        name: "Email and password",
        credentials: {
          email: { label: "Email", type: "email" },
          password: { label: "Password", type: "password" },
        },
      },
    });
    // The codec: next-auth's format, through the app's one codec per secret.
    const secret = stubs.env.authSecret;
    const value = await built.jwt!.encode!({ token: { sub: "u1", permsAt: 5 }, secret, maxAge: 60 });
    expect(value.split(".")).toHaveLength(5);
    expect(await built.jwt!.decode!({ token: value, secret })).toMatchObject({ sub: "u1", permsAt: 5 });
    expect(
      await built.jwt!.decode!({ token: value, secret: "another-secret-that-is-long-enough-too" }),
    ).toBeNull();
    const defaults = await built.jwt!.encode!({ token: undefined, secret });
    const decoded = (await built.jwt!.decode!({ token: defaults, secret }))!;
    expect(Number(decoded.exp) - Number(decoded.iat)).toBe(30 * 24 * 60 * 60);
  });

  it("the session callback: our claims as useSession shows them; a token without them is left alone", async () => {
    const session = options().callbacks!.session as unknown as (p: {
      session: object;
      token: object;
    }) => Promise<object>;
    const base = { expires: "2099-01-01T00:00:00.000Z" };
    expect(await session({ session: base, token: { ...token, perms: "AQ" } })).toEqual({
      ...base,
      user: { id: "u1", email: "", name: "" },
      roles: [],
      permissions: ["reports.read"],
      permissionsUpdatedAt: 5,
      organization: null,
    });
    expect(await session({ session: base, token: { ...token, email: "e@x", name: "E" } })).toMatchObject({
      user: { id: "u1", email: "e@x", name: "E" },
    });
    expect(await session({ session: base, token: { sub: "u1" } })).toBe(base);
  });

  it("credentials go to the limited sign-in with the request's headers; a limit and a failure become codes", async () => {
    const provider = options().providers[0] as unknown as {
      options: { authorize(c: unknown, req: { headers?: object }): Promise<unknown> };
    };
    const credentials = { email: "a@b.c", password: "pw" };
    const headers = { "x-live-authz-peer": "127.0.0.1" };
    stubs.signInFromRequest.mockResolvedValue({
      kind: "signed-in",
      user: { id: "u1", email: "a@b.c", name: "A" },
    });
    expect(await provider.options.authorize(credentials, { headers })).toEqual({
      id: "u1",
      email: "a@b.c",
      name: "A",
      // For the new row in the session registry.
      sessionOrigin: { userAgent: null, clientAddress: expect.toBeOneOf([null, "127.0.0.1"]) },
    });
    expect(stubs.signInFromRequest).toHaveBeenCalledWith(credentials, headers);
    stubs.signInFromRequest.mockResolvedValue({ kind: "refused" });
    expect(await provider.options.authorize(credentials, {})).toBeNull();
    expect(stubs.signInFromRequest).toHaveBeenLastCalledWith(credentials, {});
    stubs.signInFromRequest.mockResolvedValue({ kind: "limited", retryAfterSeconds: 899.2 });
    await expect(provider.options.authorize(credentials, { headers })).rejects.toThrow("TooManyAttempts:900");
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    stubs.signInFromRequest.mockRejectedValue(new Error("database down"));
    await expect(provider.options.authorize(credentials, { headers })).rejects.toThrow("SignInUnavailable");
    expect(error).toHaveBeenCalledWith("[auth] sign-in could not be checked:", new Error("database down"));
  });

  it("logs a refused session as one quiet line, anything else as an error", async () => {
    const info = vi.spyOn(console, "info").mockImplementation(() => {});
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const logger = options().logger!;
    logger.error!("JWT_SESSION_ERROR", { error: new SessionRefusedError("user is disabled") } as never);
    expect(info).toHaveBeenCalledWith("[auth] session refused: user is disabled");
    logger.error!("SESSION_ERROR", new SessionRefusedError("session was revoked") as never);
    expect(info).toHaveBeenCalledWith("[auth] session refused: session was revoked");
    expect(error).not.toHaveBeenCalled();
    logger.error!("OTHER", { error: new Error("boom") } as never);
    expect(error).toHaveBeenCalledWith("[next-auth][error][OTHER]", { error: new Error("boom") });
    logger.error!("BARE", undefined as never);
    expect(error).toHaveBeenCalledWith("[next-auth][error][BARE]", undefined);
    // A forged or stale provider callback (anyone can send one): one warning line.
    logger.error!("OAUTH_CALLBACK_ERROR", { error: new Error("State cookie was missing.") } as never);
    expect(warn).toHaveBeenCalledWith("[auth] provider callback refused: State cookie was missing.");
    expect(error).toHaveBeenCalledTimes(2);
    warn.mockClear();
    logger.warn!("NEXTAUTH_URL");
    expect(warn).toHaveBeenCalledWith("[next-auth][warn][NEXTAUTH_URL]");
    stubs.env.nodeEnv = "development";
    logger.warn!("NEXTAUTH_URL");
    logger.warn!("DEBUG_ENABLED");
    expect(warn.mock.calls).toEqual([
      ["[next-auth][warn][NEXTAUTH_URL]"],
      ["[next-auth][warn][DEBUG_ENABLED]"],
    ]);
    stubs.env.nodeEnv = "test";
    logger.debug!("x", {});
    expect(info).toHaveBeenCalledTimes(2);
  });
});
