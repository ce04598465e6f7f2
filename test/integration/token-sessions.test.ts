// The bearer token contract (issue 12) against real databases, through the
// route handlers themselves: POST /api/tokens, refresh rotation and reuse,
// Authorization: Bearer on /api/* with the freshness check (a role granted and
// revoked in SQL), the sessions API, and ending sessions. The instance hears
// of each SQL change before the next request (settleChanges), as it would
// within milliseconds in production.
import { createHash } from "node:crypto";
import { createLocalJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify } from "jose";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { hashPassword } from "@/lib/security/password";
import { settleChanges } from "@/lib/live/instance";
import type { AuthToken } from "@/lib/auth/token";
import { env } from "@/lib/env";
import { setAppDatabase } from "../support/app-database";
import { waitUntil } from "../support/admin";
import { createMigratedDatabase, describeOnBackends, type TestDatabase } from "../support/databases";
import { addMember, createOrganization, createRole, grant, newId } from "../support/fixtures";
import { bearer, post, resetInstance, URL_BASE } from "../support/session-harness";

vi.mock("next/headers", async () => (await import("../support/session-harness")).headersMock);

const { POST: postTokens } = await import("@/app/api/tokens/route");
const { POST: postRefresh } = await import("@/app/api/tokens/refresh/route");
const { GET: getPermissions } = await import("@/app/api/me/permissions/route");
const { GET: getReports } = await import("@/app/api/reports/route");
const { GET: getSessions } = await import("@/app/api/me/sessions/route");
const { DELETE: deleteSession } = await import("@/app/api/me/sessions/[id]/route");
const { PUT: putOrganization } = await import("@/app/api/me/organization/route");
const { GET: getJwks } = await import("@/app/.well-known/jwks.json/route");
const { forgetSigningKey } = await import("@/lib/sessions/signing-keys");
const { issueAccessToken } = await import("@/lib/sessions/access-token");
const { MAX_USED_REMEMBERED } = await import("@/lib/sessions/grants");

const PASSWORD = "correct horse battery staple";

type Pair = { accessToken: string; refreshToken: string; tokenType: string; expiresIn: number };

await describeOnBackends("bearer tokens and the session registry", (backend) => {
  let db: TestDatabase;
  let passwordHash: string;
  let readers: string;

  beforeAll(async () => {
    db = await createMigratedDatabase(backend);
    setAppDatabase(db);
    forgetSigningKey();
    passwordHash = await hashPassword(PASSWORD);
    readers = await createRole(db.sql, ["reports.read"], "readers");
  });
  afterAll(async () => {
    forgetSigningKey();
    await resetInstance();
    await db?.dispose();
  });

  async function user(): Promise<{ id: string; email: string }> {
    const id = newId("client");
    const email = `${id}@example.test`;
    await db.sql.query(`INSERT INTO "User" (id, email, name, "passwordHash") VALUES ($1, $2, $3, $4)`, [
      id,
      email,
      "Client",
      passwordHash,
    ]);
    return { id, email };
  }

  async function signIn(email: string): Promise<Pair> {
    const response = await postTokens(post("/api/tokens", { email, password: PASSWORD }));
    expect(response.status).toBe(200);
    return (await response.json()) as Pair;
  }

  async function refresh(refreshToken: string): Promise<Response> {
    return postRefresh(post("/api/tokens/refresh", { refreshToken }));
  }

  it("POST /api/tokens: a signed EdDSA access token (verifiable from the JWKS) and an opaque refresh token", async () => {
    const { id, email } = await user();
    const pair = await signIn(email);
    expect(pair).toEqual({
      accessToken: expect.any(String),
      refreshToken: expect.stringMatching(/^[0-9a-f-]{36}\.[\w-]{43}$/),
      tokenType: "Bearer",
      expiresIn: 300,
    });
    expect(decodeProtectedHeader(pair.accessToken)).toMatchObject({ alg: "EdDSA", typ: "at+jwt" });
    const jwksResponse = await getJwks();
    expect(jwksResponse.headers.get("cache-control")).toContain("max-age=");
    const jwks = createLocalJWKSet(await jwksResponse.json());
    const { payload } = await jwtVerify(pair.accessToken, jwks, { algorithms: ["EdDSA"] });
    expect(payload).toMatchObject({ sub: id, sid: expect.any(String), perms: expect.any(String) });
    expect(payload.exp! - payload.iat!).toBe(300);
    const row = await db.prisma.session.findUniqueOrThrow({ where: { id: String(payload.sid) } });
    expect(row).toMatchObject({ userId: id, kind: "token", endedAt: null });
    expect(row.refreshHash, "only a hash is stored").not.toContain(pair.refreshToken.split(".")[1]);
  });

  it("wrong credentials → 401 invalid_credentials; bad bodies → 400/413/415; no session is created", async () => {
    const { id, email } = await user();
    const wrong = await postTokens(post("/api/tokens", { email, password: "nope" }));
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({ error: "invalid_credentials" });
    const unknown = await postTokens(post("/api/tokens", { email: "no@example.test", password: PASSWORD }));
    expect(await unknown.json()).toEqual({ error: "invalid_credentials" });
    for (const bad of ["{not json", { email, password: PASSWORD, admin: true }]) {
      const refused = await postTokens(post("/api/tokens", bad));
      expect(refused.status).toBe(400);
      expect(refused.headers.get("cache-control")).toBe("no-store");
      expect(await refused.json()).toEqual({ error: "invalid_request" });
    }
    for (const bad of ["{not json", {}, { refreshToken: 7 }]) {
      const refused = await postRefresh(post("/api/tokens/refresh", bad));
      expect(refused.status).toBe(400);
      expect(await refused.json()).toEqual({ error: "invalid_request" });
    }
    expect((await postRefresh(post("/api/tokens/refresh", { refreshToken: "x".repeat(5000) }))).status).toBe(
      413,
    );
    expect((await postTokens(post("/api/tokens", { email, password: "x".repeat(5000) }))).status).toBe(413);
    const form = new Request(`${URL_BASE}/api/tokens`, { method: "POST", body: "email=a" });
    expect((await postTokens(form)).status).toBe(415);
    expect(await db.prisma.session.count({ where: { userId: id } })).toBe(0);
  });

  it("five wrong passwords → 429 too_many_attempts with Retry-After, the right one too; a database outage → 503", async () => {
    const { email } = await user();
    for (let i = 0; i < 5; i++)
      expect((await postTokens(post("/api/tokens", { email, password: "nope" }))).status).toBe(401);
    const limited = await postTokens(post("/api/tokens", { email, password: PASSWORD }));
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe(String(15 * 60));
    expect(limited.headers.get("cache-control")).toBe("no-store");
    expect(await limited.json()).toEqual({ error: "too_many_attempts" });

    const other = await user();
    const { refreshToken } = (await (
      await postTokens(post("/api/tokens", { email: other.email, password: PASSWORD }))
    ).json()) as Pair;
    setAppDatabase(null);
    try {
      for (const answer of [
        await postTokens(post("/api/tokens", { email: other.email, password: PASSWORD })),
        await postRefresh(post("/api/tokens/refresh", { refreshToken })),
      ]) {
        expect(answer.status).toBe(503);
        expect(answer.headers.get("retry-after")).toBe("5");
        expect(answer.headers.get("cache-control")).toBe("no-store");
        expect(await answer.json()).toEqual({ error: "temporarily_unavailable" });
      }
    } finally {
      setAppDatabase(db);
    }
    // The outage used nothing up: the same refresh token still rotates.
    expect((await postRefresh(post("/api/tokens/refresh", { refreshToken }))).status).toBe(200);
  });

  it("bearer: /api/me/permissions answers as for cookies, with the stamp header and no cookie", async () => {
    const { id, email } = await user();
    await grant(db.sql, id, readers);
    const { accessToken } = await signIn(email);
    const response = await getPermissions(bearer("/api/me/permissions", accessToken), {});
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toEqual({
      user: { id, email, name: "Client" },
      roles: [expect.stringMatching(/^readers_/)],
      permissions: ["reports.read"],
      globalPermissions: ["reports.read"],
      permissionsUpdatedAt: expect.any(Number),
      organizationChosenAt: expect.any(Number),
      organization: null,
      organizations: [],
    });
    expect(response.headers.get("x-permissions-updated")).toBe(String(body.permissionsUpdatedAt));
    expect(response.headers.get("x-access-token"), "claims current: no new token").toBeNull();
    expect(response.headers.get("set-cookie")).toBeNull();
  });

  it("bearer: the access token carries the active organization; removed in SQL, the next call is elsewhere", async () => {
    const { id, email } = await user();
    const [first, second] = [await createOrganization(db.sql, "a"), await createOrganization(db.sql, "b")];
    await addMember(db.sql, id, first, readers);
    await addMember(db.sql, id, second, readers);
    let { accessToken } = await signIn(email);
    expect(decodeJwt(accessToken).org).toEqual([first, expect.any(String), expect.any(String)]);
    const before = await (await getPermissions(bearer("/api/me/permissions", accessToken), {})).json();
    expect(before.organization.id).toBe(first);
    expect(before.permissions).toEqual(["reports.read"]);

    await db.sql.query(`DELETE FROM "Membership" WHERE "userId" = $1 AND "organizationId" = $2`, [id, first]);
    await settleChanges();
    const response = await getPermissions(bearer("/api/me/permissions", accessToken), {});
    expect((await response.json()).organization.id).toBe(second);
    accessToken = response.headers.get("x-access-token")!;
    expect(decodeJwt(accessToken).org).toEqual([second, expect.any(String), expect.any(String)]);
  });

  it("bearer: PUT /api/me/organization switches with a new access token, never a cookie; 404 elsewhere", async () => {
    const { id, email } = await user();
    const [first, second, other] = [
      await createOrganization(db.sql, "a"),
      await createOrganization(db.sql, "b"),
      await createOrganization(db.sql, "c"),
    ];
    await addMember(db.sql, id, first, readers);
    await addMember(db.sql, id, second, readers);
    const { accessToken, refreshToken } = await signIn(email);
    const slugOf = async (orgId: string) =>
      (await db.sql.query<{ slug: string }>(`SELECT slug FROM "Organization" WHERE id = $1`, [orgId]))[0]!
        .slug;
    const put = (slug: string) =>
      putOrganization(
        new Request(`${URL_BASE}/api/me/organization`, {
          method: "PUT",
          headers: { authorization: `Bearer ${accessToken}`, "content-type": "application/json" },
          body: JSON.stringify({ slug }),
        }),
        {},
      );
    const refused = await put(await slugOf(other));
    expect(refused.status).toBe(404);
    expect(refused.headers.get("x-access-token")).toBeNull();
    const switched = await put(await slugOf(second));
    expect(switched.status).toBe(200);
    expect((await switched.json()).organization.id).toBe(second);
    expect(switched.headers.get("set-cookie")).toBeNull();
    const next = switched.headers.get("x-access-token")!;
    expect(decodeJwt(next).org).toEqual([second, expect.any(String), expect.any(String)]);
    const me = await (await getPermissions(bearer("/api/me/permissions", next), {})).json();
    expect(me.organization.id).toBe(second);

    // A refresh starts from the organization switched to, not the first by slug.
    const refreshed = (await (await refresh(refreshToken)).json()) as Pair;
    expect(decodeJwt(refreshed.accessToken).org).toEqual([second, expect.any(String), expect.any(String)]);
    // Once that membership is gone, the next refresh lands where a new sign-in would.
    await db.sql.query(`DELETE FROM "Membership" WHERE "userId" = $1 AND "organizationId" = $2`, [
      id,
      second,
    ]);
    const moved = (await (await refresh(refreshed.refreshToken)).json()) as Pair;
    expect(decodeJwt(moved.accessToken).org).toEqual([first, expect.any(String), expect.any(String)]);
  });

  it("PUT /api/me/organization refuses a body that is not small JSON, and changes nothing", async () => {
    const { email } = await user();
    const { accessToken } = await signIn(email);
    const put = (body: string, contentType = "application/json") =>
      putOrganization(
        new Request(`${URL_BASE}/api/me/organization`, {
          method: "PUT",
          headers: { authorization: `Bearer ${accessToken}`, "content-type": contentType },
          body,
        }),
        {},
      );
    expect((await put(JSON.stringify({ slug: "acme" }), "text/plain")).status).toBe(415);
    expect((await put(JSON.stringify({ slug: "x".repeat(5000) }))).status).toBe(413);
    expect((await put("{not json")).status).toBe(400);
    const wrongShape = await put(JSON.stringify({ slug: "acme", extra: 1 }));
    expect(wrongShape.status).toBe(422);
    expect(wrongShape.headers.get("x-access-token")).toBeNull();
  });

  it("a role granted, then revoked, in SQL: the next call has the new claims and a new X-Access-Token", async () => {
    const { id, email } = await user();
    let { accessToken } = await signIn(email);
    expect((await getReports(bearer("/api/reports", accessToken), {})).status).toBe(403);

    await grant(db.sql, id, readers);
    await settleChanges();
    const granted = await getReports(bearer("/api/reports", accessToken), {});
    expect(granted.status).toBe(200);
    const renewed = granted.headers.get("x-access-token");
    expect(renewed).toEqual(expect.any(String));
    const stamp = Number(granted.headers.get("x-permissions-updated"));
    expect(decodeJwt(renewed!).permsAt).toBe(stamp);
    accessToken = renewed!;
    const again = await getReports(bearer("/api/reports", accessToken), {});
    expect(again.status).toBe(200);
    expect(again.headers.get("x-access-token"), "the new token is current").toBeNull();

    await db.sql.query(`DELETE FROM "UserRole" WHERE "userId" = $1`, [id]);
    await settleChanges();
    const revoked = await getReports(bearer("/api/reports", accessToken), {});
    expect(revoked.status).toBe(403);
    expect(revoked.headers.get("x-access-token")).toEqual(expect.any(String));
    expect(Number(revoked.headers.get("x-permissions-updated"))).toBeGreaterThan(stamp);
  });

  it("refresh rotates; a used refresh token again → refresh_token_reused and the whole session ends", async () => {
    const { email } = await user();
    const first = await signIn(email);
    const rotated = await refresh(first.refreshToken);
    expect(rotated.status).toBe(200);
    const second = (await rotated.json()) as Pair;
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(second.refreshToken.split(".")[0], "same session").toBe(first.refreshToken.split(".")[0]);
    expect((await getPermissions(bearer("/api/me/permissions", second.accessToken), {})).status).toBe(200);

    const reuse = await refresh(first.refreshToken);
    expect(reuse.status).toBe(401);
    expect(await reuse.json()).toEqual({ error: "refresh_token_reused" });
    await settleChanges();
    const newest = await refresh(second.refreshToken);
    expect(newest.status).toBe(401);
    expect(await newest.json()).toEqual({ error: "session_ended" });
    const call = await getPermissions(bearer("/api/me/permissions", second.accessToken), {});
    expect(call.status).toBe(401);
    expect(await call.json()).toEqual({ error: "session_ended" });
  });

  /**
   * Runs two refreshes of `refreshToken` so that they truly overlap. On
   * PostgreSQL the session's row is held locked until both are waiting on a
   * lock (each has read the row and found its token current, and is at its
   * compare-and-swap) or have finished; PGlite has one session, so there the
   * two interleave at every query and their transactions queue.
   */
  async function refreshTwiceAtOnce(refreshToken: string): Promise<Response[]> {
    if (db.target.kind === "pglite") return Promise.all([refresh(refreshToken), refresh(refreshToken)]);
    const sessionId = refreshToken.split(".")[0]!;
    return db.withSession(async (blocker) => {
      await blocker.exec("BEGIN");
      await blocker.query(`SELECT 1 FROM "Session" WHERE id = $1 FOR UPDATE`, [sessionId]);
      let finished = 0;
      const running = [refresh(refreshToken), refresh(refreshToken)].map((r) => r.finally(() => finished++));
      try {
        await waitUntil(async () => {
          const [row] = await db.sql.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM pg_stat_activity
             WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`,
          );
          return (row?.n ?? 0) + finished >= 2;
        });
      } finally {
        await blocker.exec("COMMIT");
      }
      return Promise.all(running);
    });
  }

  it("two refreshes of one refresh token at once: one rotates, the other is a reuse that ends the session, the winner's tokens too", async () => {
    const { email } = await user();
    const pair = await signIn(email);
    const sessionId = pair.refreshToken.split(".")[0]!;
    const answers = await refreshTwiceAtOnce(pair.refreshToken);
    const bodies = (await Promise.all(answers.map((r) => r.json()))) as Record<string, string>[];
    const statuses = answers.map((r) => r.status);
    expect([...statuses].sort(), JSON.stringify(bodies)).toEqual([200, 401]);
    const winner = bodies[statuses.indexOf(200)] as unknown as Pair;
    expect(bodies[statuses.indexOf(401)]).toEqual({ error: "refresh_token_reused" });
    const row = await db.prisma.session.findUniqueOrThrow({ where: { id: sessionId } });
    expect(row).toMatchObject({ endedAt: expect.any(Date), endReason: "refresh_token_reused" });

    await settleChanges();
    expect(await (await refresh(winner.refreshToken)).json()).toEqual({ error: "session_ended" });
    const call = await getPermissions(bearer("/api/me/permissions", winner.accessToken), {});
    expect(call.status).toBe(401);
    expect(await call.json()).toEqual({ error: "session_ended" });
  });

  it("a refresh past the session's absolute lifetime is refused, however current its refresh token", async () => {
    const { email } = await user();
    const pair = await signIn(email);
    const sessionId = pair.refreshToken.split(".")[0]!;
    const lifetimeMs = env().sessionLifetimeSeconds * 1000;
    const signedInAt = (at: number) =>
      db.sql.query(`UPDATE "Session" SET "createdAt" = $2 WHERE id = $1`, [sessionId, new Date(at)]);

    // A minute before the end: it still rotates.
    await signedInAt(Date.now() - lifetimeMs + 60_000);
    const early = await refresh(pair.refreshToken);
    expect(early.status).toBe(200);
    const next = (await early.json()) as Pair;

    // At the end (the lifetime counts from sign-in, not from the last refresh): refused.
    await signedInAt(Date.now() - lifetimeMs);
    const late = await refresh(next.refreshToken);
    expect(late.status).toBe(401);
    expect(await late.json()).toEqual({ error: "session_ended" });
    const row = await db.prisma.session.findUniqueOrThrow({ where: { id: sessionId } });
    expect(row.refreshHash, "nothing rotated").toBe(
      createHash("sha256").update(next.refreshToken).digest("hex"),
    );
  });

  it("an access token of a session past its absolute lifetime is refused, though the token itself has not expired", async () => {
    const { email } = await user();
    const { accessToken } = await signIn(email);
    const lifetimeMs = env().sessionLifetimeSeconds * 1000;
    // The same claims, in a token issued just now (five minutes to live), for a sign-in `ago` ms back.
    const signedInAgo = (ago: number) =>
      issueAccessToken({ ...(decodeJwt(accessToken) as never as AuthToken), authAt: Date.now() - ago });
    const before = await getPermissions(
      bearer("/api/me/permissions", await signedInAgo(lifetimeMs - 60_000)),
      {},
    );
    expect(before.status, "a minute before the end").toBe(200);
    const after = await getPermissions(bearer("/api/me/permissions", await signedInAgo(lifetimeMs)), {});
    expect(after.status).toBe(401);
    expect(await after.json()).toEqual({ error: "session_ended" });
  });

  it("any refresh token used before, not only the last one, is a reuse: the session ends", async () => {
    const { email } = await user();
    const tokens = [(await signIn(email)).refreshToken];
    for (let round = 0; round < 3; round++) {
      const rotated = await refresh(tokens.at(-1)!);
      expect(rotated.status).toBe(200);
      tokens.push(((await rotated.json()) as Pair).refreshToken);
    }
    const sessionId = tokens[0]!.split(".")[0]!;
    expect(await db.prisma.usedRefreshToken.count({ where: { sessionId } }), "three traded").toBe(3);

    const reuse = await refresh(tokens[0]!);
    expect(reuse.status).toBe(401);
    expect(await reuse.json()).toEqual({ error: "refresh_token_reused" });
    const row = await db.prisma.session.findUniqueOrThrow({ where: { id: sessionId } });
    expect(row).toMatchObject({ endedAt: expect.any(Date), endReason: "refresh_token_reused" });
    const newest = await refresh(tokens.at(-1)!);
    expect(await newest.json()).toEqual({ error: "session_ended" });
  });

  it(`a session remembers its newest ${MAX_USED_REMEMBERED} used refresh tokens, however often it refreshes`, async () => {
    const { email } = await user();
    const pair = await signIn(email);
    const sessionId = pair.refreshToken.split(".")[0]!;
    // As if the client had refreshed that often already, long ago.
    await db.sql.query(
      `INSERT INTO "UsedRefreshToken" (hash, "sessionId", "usedAt")
       SELECT md5(n::text) || md5(($1 || n)::text), $1, now() - interval '1 day' + n * interval '1 second'
       FROM generate_series(1, $2::int) n`,
      [sessionId, MAX_USED_REMEMBERED],
    );
    const rotated = await refresh(pair.refreshToken);
    expect(rotated.status).toBe(200);
    expect(await db.prisma.usedRefreshToken.count({ where: { sessionId } })).toBe(MAX_USED_REMEMBERED);
    const oldest = await db.sql.query<{ n: string }>(
      `SELECT count(*) AS n FROM "UsedRefreshToken" WHERE "sessionId" = $1 AND hash = md5('1') || md5(($1 || 1)::text)`,
      [sessionId],
    );
    expect(Number(oldest[0]!.n), "the oldest is forgotten").toBe(0);
    // The one just traded is remembered: presenting it again is a reuse.
    expect(await (await refresh(pair.refreshToken)).json()).toEqual({ error: "refresh_token_reused" });
  });

  it("a session's used refresh tokens go with its row: deleted, its user deleted, or TRUNCATE", async () => {
    const tradedBy = async (email: string) => {
      const pair = await signIn(email);
      expect((await refresh(pair.refreshToken)).status).toBe(200);
      const sessionId = pair.refreshToken.split(".")[0]!;
      expect(await db.prisma.usedRefreshToken.count({ where: { sessionId } })).toBe(1);
      return sessionId;
    };
    const count = (sessionId: string) => db.prisma.usedRefreshToken.count({ where: { sessionId } });
    const first = await user();
    const deleted = await tradedBy(first.email);
    const kept = await tradedBy(first.email);
    await db.sql.query(`DELETE FROM "Session" WHERE id = $1`, [deleted]);
    expect(await count(deleted)).toBe(0);
    expect(await count(kept), "another session's are kept").toBe(1);

    const second = await user();
    const ofDeletedUser = await tradedBy(second.email);
    await db.sql.query(`DELETE FROM "User" WHERE id = $1`, [second.id]);
    expect(await count(ofDeletedUser)).toBe(0);

    await db.sql.query(`TRUNCATE "Session"`);
    expect(await db.prisma.usedRefreshToken.count()).toBe(0);
    await settleChanges();
  });

  it("a refresh token that is not one (unknown, forged) → 401 invalid_token, and ends nothing", async () => {
    const { email } = await user();
    const pair = await signIn(email);
    const [sid] = pair.refreshToken.split(".");
    for (const token of ["nope", `${sid}.${"A".repeat(43)}`, `${crypto.randomUUID()}.x`]) {
      const response = await refresh(token);
      expect(response.status, token).toBe(401);
      expect(await response.json()).toEqual({ error: "invalid_token" });
    }
    expect((await refresh(pair.refreshToken)).status).toBe(200);
  });

  it("a forged refresh token gets one answer whether its session is live, ended or gone", async () => {
    const forge = (pair: Pair) => `${pair.refreshToken.split(".")[0]!}.${"A".repeat(43)}`;
    const live = await signIn((await user()).email);
    const ended = await signIn((await user()).email);
    await db.sql.query(`UPDATE "Session" SET "endedAt" = now(), "endReason" = 'revoked' WHERE id = $1`, [
      ended.refreshToken.split(".")[0],
    ]);
    const doomed = await user();
    const gone = await signIn(doomed.email);
    await db.sql.query(`DELETE FROM "User" WHERE id = $1`, [doomed.id]);
    await settleChanges();
    const answers = [];
    for (const pair of [live, ended, gone]) {
      const response = await refresh(forge(pair));
      answers.push({ status: response.status, body: (await response.json()) as unknown });
    }
    expect(answers, "live, ended, gone").toEqual(
      Array(3).fill({ status: 401, body: { error: "invalid_token" } }),
    );
    expect(await (await refresh(ended.refreshToken)).json(), "its holder is told").toEqual({
      error: "session_ended",
    });
    expect((await refresh(live.refreshToken)).status, "the live one ends nothing").toBe(200);
  });

  it("expired → token_expired; tampered or malformed → invalid_token", async () => {
    const { email } = await user();
    const { accessToken } = await signIn(email);
    const claims = decodeJwt(accessToken) as never;
    const expired = await issueAccessToken(claims, Date.now() - 301_000);
    const cases: [string, string][] = [
      [expired, "token_expired"],
      [`${accessToken.slice(0, -4)}AAAA`, "invalid_token"],
      ["not.a.token", "invalid_token"],
      ["", "invalid_token"],
    ];
    for (const [token, error] of cases) {
      const response = await getPermissions(bearer("/api/me/permissions", token), {});
      expect(response.status, error).toBe(401);
      expect(await response.json()).toEqual({ error });
      expect(response.headers.get("www-authenticate")).toContain(error);
    }
  });

  it("sessions API: own sessions listed with the current one marked; DELETE ends one (someone else's → 404)", async () => {
    const { email } = await user();
    const laptop = await signIn(email);
    const phone = await signIn(email);
    const listed = await getSessions(bearer("/api/me/sessions", laptop.accessToken), {});
    const { sessions } = (await listed.json()) as { sessions: { id: string; current: boolean }[] };
    const laptopId = String(decodeJwt(laptop.accessToken).sid);
    const phoneId = String(decodeJwt(phone.accessToken).sid);
    expect(sessions.map((s) => s.id).sort()).toEqual([laptopId, phoneId].sort());
    expect(sessions.find((s) => s.current)?.id).toBe(laptopId);
    expect(sessions[0]).toEqual({
      id: expect.any(String),
      kind: "token",
      current: expect.any(Boolean),
      createdAt: expect.any(String),
      lastSeenAt: expect.any(String),
      userAgent: null,
    });

    const stranger = await signIn((await user()).email);
    const strangerId = String(decodeJwt(stranger.accessToken).sid);
    const del = (token: string, id: string) =>
      deleteSession(bearer(`/api/me/sessions/${id}`, token, "DELETE"), { params: Promise.resolve({ id }) });
    expect((await del(laptop.accessToken, strangerId)).status).toBe(404);
    expect((await del(laptop.accessToken, "not-a-uuid")).status).toBe(404);
    expect((await getSessions(bearer("/api/me/sessions", stranger.accessToken), {})).status).toBe(200);

    expect((await del(laptop.accessToken, phoneId)).status).toBe(204);
    await settleChanges();
    const ended = await getPermissions(bearer("/api/me/permissions", phone.accessToken), {});
    expect(await ended.json()).toEqual({ error: "session_ended" });
    expect((await getPermissions(bearer("/api/me/permissions", laptop.accessToken), {})).status).toBe(200);
    expect((await del(laptop.accessToken, phoneId)).status, "already ended").toBe(404);
  });

  it("sign out everywhere, disable and delete end token sessions: calls and refreshes → session_ended", async () => {
    for (const change of [
      `UPDATE "User" SET "sessionsRevokedAt" = now() WHERE id = $1`,
      `UPDATE "User" SET "disabledAt" = now() WHERE id = $1`,
      `DELETE FROM "User" WHERE id = $1`,
    ]) {
      const { id, email } = await user();
      const pair = await signIn(email);
      await db.sql.query(change, [id]);
      await settleChanges();
      const call = await getPermissions(bearer("/api/me/permissions", pair.accessToken), {});
      expect(call.status, change).toBe(401);
      expect(await call.json()).toEqual({ error: "session_ended" });
      // A deleted user's sessions are gone with it: their tokens are then as unknown as forged ones.
      expect(await (await refresh(pair.refreshToken)).json()).toEqual({
        error: change.startsWith("DELETE") ? "invalid_token" : "session_ended",
      });
      if (!change.startsWith("DELETE")) {
        const rows = await db.prisma.session.findMany({ where: { userId: id } });
        expect(rows.map((r) => r.endReason)).toEqual(["revoked"]);
      }
    }
  });

  it("ending a session row moves its owner's stamp (so every instance rebuilds); lastSeenAt writes do not", async () => {
    const { id, email } = await user();
    const pair = await signIn(email);
    const sid = String(decodeJwt(pair.accessToken).sid);
    const stamp = async () =>
      (await db.prisma.user.findUniqueOrThrow({ where: { id } })).permissionsUpdatedAt.getTime();
    const before = await stamp();
    await db.sql.query(`UPDATE "Session" SET "lastSeenAt" = now() WHERE id = $1`, [sid]);
    expect(await stamp()).toBe(before);
    await db.sql.query(`UPDATE "Session" SET "endedAt" = now() WHERE id = $1`, [sid]);
    expect(await stamp()).toBeGreaterThan(before);
  });
});
