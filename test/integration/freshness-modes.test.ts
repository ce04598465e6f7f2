// Each AUTH_FRESHNESS mode keeps its promise against a real database, through
// the same checkSessionFreshness every path calls (the proxy, the data layer,
// bearer tokens, the event streams): a role revoked in SQL reaches a session
// at once (strict, cached), after the interval (lazy, short), by ending it
// (reauth), or never (off). The clock is moved with Date.now only.
import { afterAll, afterEach, beforeAll, expect, it, vi } from "vitest";
import { loadClaims } from "@/lib/auth/claims";
import { createSession } from "@/lib/auth/session-registry";
import { type AuthToken, userOfToken, withClaims } from "@/lib/auth/token";
import type { FreshnessMode } from "@/lib/env";
import { settleChanges } from "@/lib/live/instance";
import { setAppDatabase } from "../support/app-database";
import { createMigratedDatabase, describeOnBackends, type TestDatabase } from "../support/databases";
import { createRole, createUser, grant } from "../support/fixtures";
import { resetInstance } from "../support/session-harness";

const configured = vi.hoisted(() => ({ freshness: "cached" as string, freshnessSeconds: 60 }));
vi.mock("@/lib/env", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/env")>();
  return { ...original, env: () => ({ ...original.env(), ...configured }) };
});
vi.mock("@/lib/auth/config", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/auth/config")>();
  return { ...original, authConfig: () => ({ ...original.authConfig(), ...configured }) };
});

const { checkSessionFreshness } = await import("@/lib/auth/fresh-session");
const { bearerSession } = await import("@/lib/sessions/bearer");
const { issueAccessToken } = await import("@/lib/sessions/access-token");

const INTERVAL_SECONDS = 60;

await describeOnBackends("the freshness modes", (backend) => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createMigratedDatabase(backend);
    setAppDatabase(db);
  });
  afterEach(() => vi.restoreAllMocks());
  afterAll(async () => {
    await resetInstance();
    await db?.dispose();
  });

  /** A user holding reports.read, signed in now with a registry row (kind: browser or token). */
  async function signedIn(mode: FreshnessMode, kind: "browser" | "token" = "browser") {
    configured.freshness = mode;
    configured.freshnessSeconds = INTERVAL_SECONDS;
    const userId = await createUser(db.sql, mode);
    const roleId = await createRole(db.sql, ["reports.read"]);
    await grant(db.sql, userId, roleId);
    const authAt = Date.now();
    const origin = { userAgent: null, clientAddress: null };
    const sid = await createSession(db.prisma, { userId, kind, origin, authAt });
    const claims = await loadClaims(db.prisma, userId, authAt);
    const token: AuthToken = { ...withClaims({ authAt }, claims!, authAt), sid };
    const revoke = async () => {
      await db.sql.query(`DELETE FROM "UserRole" WHERE "userId" = $1`, [userId]);
      await settleChanges();
    };
    return { token, sid, revoke };
  }

  /** The permissions a check at `at` serves, or the refusal's reason. */
  async function checkAt(token: AuthToken, at: number) {
    vi.spyOn(Date, "now").mockReturnValue(at);
    const fresh = await checkSessionFreshness(token);
    vi.restoreAllMocks();
    return fresh.kind === "refused" ? fresh.reason : userOfToken(fresh.token).permissions;
  }

  it("off: the claims stay as they were signed in with", async () => {
    const { token, revoke } = await signedIn("off");
    await revoke();
    expect(await checkAt(token, Date.now())).toEqual(["reports.read"]);
  });

  it("strict and cached: the next check after the change serves the new claims", async () => {
    for (const mode of ["strict", "cached"] as const) {
      const { token, revoke } = await signedIn(mode);
      expect(await checkAt(token, Date.now()), mode).toEqual(["reports.read"]);
      await revoke();
      expect(await checkAt(token, Date.now()), mode).toEqual([]);
    }
  });

  it("lazy: the old claims for at most the interval after the last comparison, then the new ones", async () => {
    const { token, revoke } = await signedIn("lazy");
    const start = Date.now();
    expect(await checkAt(token, start)).toEqual(["reports.read"]); // compared now
    await revoke();
    expect(await checkAt(token, start + INTERVAL_SECONDS * 1000 - 1)).toEqual(["reports.read"]);
    expect(await checkAt(token, start + INTERVAL_SECONDS * 1000)).toEqual([]);
  });

  it("short: the claims for their lifetime, then rebuilt from the database", async () => {
    const { token, revoke } = await signedIn("short");
    await revoke();
    const builtAt = token.bAt!;
    expect(await checkAt(token, builtAt + INTERVAL_SECONDS * 1000 - 1)).toEqual(["reports.read"]);
    expect(await checkAt(token, builtAt + INTERVAL_SECONDS * 1000)).toEqual([]);
  });

  it("short: a bearer access token lives no longer than the claims may be trusted", async () => {
    const { token } = await signedIn("short", "token");
    const payloadOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split(".")[1]!, "base64url").toString());
    const { iat, exp } = payloadOf(await issueAccessToken(token));
    expect(exp - iat).toBe(INTERVAL_SECONDS);
    configured.freshness = "cached";
    const cached = payloadOf(await issueAccessToken(token));
    expect(cached.exp - cached.iat).toBeGreaterThan(INTERVAL_SECONDS);
  });

  it("reauth: the next request after a change ends the session, its row included; cookie and bearer", async () => {
    const browser = await signedIn("reauth");
    await browser.revoke();
    expect(await checkAt(browser.token, Date.now())).toBe("permissions changed: sign in again");
    const row = await db.prisma.session.findUniqueOrThrow({ where: { id: browser.sid } });
    expect(row.endReason).toBe("permissions_changed");
    expect(row.endedAt).not.toBeNull();

    const client = await signedIn("reauth", "token");
    const accessToken = await issueAccessToken(client.token);
    expect(await bearerSession(accessToken)).toMatchObject({ kind: "session", renewed: null });
    await client.revoke();
    expect(await bearerSession(accessToken)).toEqual({ kind: "refused", error: "session_ended" });
    const tokenRow = await db.prisma.session.findUniqueOrThrow({ where: { id: client.sid } });
    expect(tokenRow.endReason).toBe("permissions_changed");
  });

  it("reauth: a stamp moved by another session of the user ending only restamps this one", async () => {
    const { token } = await signedIn("reauth");
    const other = await createSession(db.prisma, {
      userId: token.sub,
      kind: "browser",
      origin: { userAgent: null, clientAddress: null },
      authAt: Date.now(),
    });
    await db.prisma.session.update({
      where: { id: other },
      data: { endedAt: new Date(), endReason: "signed_out" },
    });
    await settleChanges();
    expect(await checkAt(token, Date.now())).toEqual(["reports.read"]);
  });
});
