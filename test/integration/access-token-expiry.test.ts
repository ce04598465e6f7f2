// Issue 19, point 4: only the refresh token extends a token session. Every
// access token the app re-issues from another (an organization switch, claims
// rebuilt behind X-Access-Token) expires no later than the one it replaces,
// so a stolen access token cannot be kept alive by switching into the
// organization it is already in, or by waiting for a change. Through the
// route handlers, on both databases.
import { decodeJwt } from "jose";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { settleChanges } from "@/lib/live/instance";
import { hashPassword } from "@/lib/security/password";
import { setAppDatabase } from "../support/app-database";
import { createMigratedDatabase, describeOnBackends, type TestDatabase } from "../support/databases";
import { addMember, createOrganization, createRole, grant, newId } from "../support/fixtures";
import { bearer, post, resetInstance, URL_BASE } from "../support/session-harness";

vi.mock("next/headers", async () => (await import("../support/session-harness")).headersMock);

const { POST: postTokens } = await import("@/app/api/tokens/route");
const { POST: postRefresh } = await import("@/app/api/tokens/refresh/route");
const { GET: getPermissions } = await import("@/app/api/me/permissions/route");
const { PUT: putOrganization } = await import("@/app/api/me/organization/route");
const { forgetSigningKey } = await import("@/lib/sessions/signing-keys");
const { issueAccessToken } = await import("@/lib/sessions/access-token");

const PASSWORD = "correct horse battery staple";
/** How much older than a fresh one the token under test is: its exp is this much sooner. */
const AGED_MS = 120_000;

type Pair = { accessToken: string; refreshToken: string };

const expOf = (token: string) => decodeJwt(token).exp!;

await describeOnBackends("re-issued access tokens never outlive the one they replace", (backend) => {
  let db: TestDatabase;
  let readers: string;

  beforeAll(async () => {
    db = await createMigratedDatabase(backend);
    setAppDatabase(db);
    forgetSigningKey();
    readers = await createRole(db.sql, ["reports.read"], "readers");
  });
  afterAll(async () => {
    forgetSigningKey();
    await resetInstance();
    await db?.dispose();
  });

  /** A token client signed in now, and its access token as if issued AGED_MS ago (same session). */
  async function agedClient(): Promise<{ id: string; pair: Pair; aged: string }> {
    const id = newId("expiry");
    const email = `${id}@example.test`;
    await db.sql.query(`INSERT INTO "User" (id, email, name, "passwordHash") VALUES ($1, $2, $3, $4)`, [
      id,
      email,
      "Client",
      await hashPassword(PASSWORD),
    ]);
    const response = await postTokens(post("/api/tokens", { email, password: PASSWORD }));
    expect(response.status).toBe(200);
    const pair = (await response.json()) as Pair;
    const aged = await issueAccessToken(decodeJwt(pair.accessToken) as never, Date.now() - AGED_MS);
    expect(expOf(aged)).toBeLessThan(expOf(pair.accessToken));
    return { id, pair, aged };
  }

  const slugOf = async (organizationId: string) =>
    (
      await db.sql.query<{ slug: string }>(`SELECT slug FROM "Organization" WHERE id = $1`, [organizationId])
    )[0]!.slug;

  const switchTo = (token: string, slug: string) =>
    putOrganization(
      new Request(`${URL_BASE}/api/me/organization`, {
        method: "PUT",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({ slug }),
      }),
      {},
    );

  it("switching again and again into the organization it is in never moves the token's exp", async () => {
    const { id, aged } = await agedClient();
    const organization = await createOrganization(db.sql, "stay");
    await addMember(db.sql, id, organization, readers);
    await settleChanges();
    // The membership moved the stamp: the first call rebuilds; from then on each switch is its own re-issue.
    const slug = await slugOf(organization);
    let token = aged;
    for (let round = 0; round < 3; round++) {
      const switched = await switchTo(token, slug);
      expect(switched.status, `round ${round}`).toBe(200);
      const next = switched.headers.get("x-access-token")!;
      expect(next, `round ${round}: a token is re-issued`).toEqual(expect.any(String));
      expect(expOf(next), `round ${round}`).toBe(expOf(aged));
      token = next;
    }
    // Into another organization: the same rule.
    const other = await createOrganization(db.sql, "other");
    await addMember(db.sql, id, other, readers);
    await settleChanges();
    const moved = await switchTo(token, await slugOf(other));
    expect(moved.status).toBe(200);
    expect(expOf(moved.headers.get("x-access-token")!)).toBe(expOf(aged));
  });

  it("claims rebuilt after a change come back in X-Access-Token with the old exp", async () => {
    const { id, aged } = await agedClient();
    await grant(db.sql, id, readers);
    await settleChanges();
    const response = await getPermissions(bearer("/api/me/permissions", aged), {});
    expect(response.status).toBe(200);
    expect((await response.json()).permissions).toEqual(["reports.read"]);
    const renewed = response.headers.get("x-access-token");
    expect(renewed, "the claims moved: a new token").toEqual(expect.any(String));
    expect(expOf(renewed!)).toBe(expOf(aged));
  });

  it("only a refresh, with the refresh token, gives a token with a full lifetime", async () => {
    const { pair, aged } = await agedClient();
    const refreshed = await postRefresh(post("/api/tokens/refresh", { refreshToken: pair.refreshToken }));
    expect(refreshed.status).toBe(200);
    const { accessToken } = (await refreshed.json()) as Pair;
    const { iat, exp } = decodeJwt(accessToken);
    expect(exp! - iat!).toBe(300);
    expect(exp!).toBeGreaterThan(expOf(aged));
  });
});
