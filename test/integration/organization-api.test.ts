// The organization API with a session cookie, against real databases, through
// the route handlers: GET /api/me/permissions lists the organizations a user
// may enter (with their roles there), PUT /api/me/organization switches the
// session's tenant key and re-issues the cookie, and GET /api/reports reads
// the active organization's rows only, even before this instance has heard
// that a membership was removed.
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { setAppDatabase } from "../support/app-database";
import { createMigratedDatabase, describeOnBackends, type TestDatabase } from "../support/databases";
import { addMember, createOrganization, createRole, createUser, grant } from "../support/fixtures";
import {
  notifications,
  resetInstance,
  sendCookie,
  signIn,
  throughGate,
  URL_BASE,
} from "../support/session-harness";

// The instance must go on trusting its memory while notifications are held
// back or slowed here, as within its staleness bound it does: give it a bound
// no test here reaches (test/integration/starved-listener.test.ts tests the bound).
vi.stubEnv("AUTH_MAX_STALENESS_MS", "600000");
afterAll(() => vi.unstubAllEnvs());

vi.mock("next/headers", async () => (await import("../support/session-harness")).headersMock);

const { GET: getPermissions } = await import("@/app/api/me/permissions/route");
const { PUT: putOrganization } = await import("@/app/api/me/organization/route");
const { GET: getReports } = await import("@/app/api/reports/route");
const { settleChanges } = await import("@/lib/live/instance");

type Entry = { id: string; slug: string; name: string; roles: string[] };
type Body = { organization: { id: string; slug: string; name: string } | null; organizations: Entry[] };

const DAY = 24 * 60 * 60 * 1000;

await describeOnBackends("the organization API with a session cookie", (backend) => {
  let db: TestDatabase;
  // Labels fix the order by slug: first < second < third.
  let first: string, second: string, third: string;
  let readers: string, zeta: string, platform: string;

  beforeAll(async () => {
    db = await createMigratedDatabase(backend);
    setAppDatabase(throughGate(db));
    first = await createOrganization(db.sql, "aaa");
    second = await createOrganization(db.sql, "bbb");
    third = await createOrganization(db.sql, "ccc");
    readers = await createRole(db.sql, ["reports.read"], "Alpha readers");
    zeta = await createRole(db.sql, [], "Zeta");
    platform = await createRole(db.sql, ["users.manage", "reports.read"], "Platform");
    for (const [organization, title] of [
      [first, "first's report"],
      [second, "second's report"],
      [third, "third's report"],
    ])
      await db.sql.query(
        `INSERT INTO "Report" ("organizationId", title, period, revenue) VALUES ($1, $2, '2026-Q4', 1)`,
        [organization, title],
      );
  });
  afterAll(async () => {
    await resetInstance();
    await db?.dispose();
  });

  const slugOf = async (id: string) =>
    (await db.sql.query<{ slug: string }>(`SELECT slug FROM "Organization" WHERE id = $1`, [id]))[0]!.slug;
  const roleName = async (id: string) =>
    (await db.sql.query<{ name: string }>(`SELECT name FROM "Role" WHERE id = $1`, [id]))[0]!.name;

  async function signedIn(setUp: (userId: string) => Promise<void>): Promise<string> {
    const id = await createUser(db.sql, "member");
    await setUp(id);
    const email = (await db.sql.query<{ email: string }>(`SELECT email FROM "User" WHERE id = $1`, [id]))[0]!
      .email;
    sendCookie((await signIn(email)).cookie);
    return id;
  }

  const permissions = async () => {
    const response = await getPermissions(new Request(`${URL_BASE}/api/me/permissions`), {});
    expect(response.status).toBe(200);
    return (await response.json()) as Body;
  };
  const switchTo = (slug: string) =>
    putOrganization(
      new Request(`${URL_BASE}/api/me/organization`, {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ slug }),
      }),
      {},
    );
  const reports = async () => {
    const response = await getReports(new Request(`${URL_BASE}/api/reports`), {});
    expect(response.status).toBe(200);
    return (await response.json()) as { organization: string | null; reports: { title: string }[] };
  };

  it("lists a member's organizations by slug, each with its roles sorted; an ended membership is not one", async () => {
    await signedIn(async (id) => {
      await addMember(db.sql, id, second, zeta);
      await addMember(db.sql, id, second, readers);
      await addMember(db.sql, id, first, zeta);
      await addMember(db.sql, id, third, readers, new Date(Date.now() - DAY));
    });
    const body = await permissions();
    expect(body.organizations).toEqual([
      { id: first, slug: await slugOf(first), name: expect.any(String), roles: [await roleName(zeta)] },
      {
        id: second,
        slug: await slugOf(second),
        name: expect.any(String),
        roles: [await roleName(readers), await roleName(zeta)],
      },
    ]);
    expect(body.organization?.id, "at sign-in: the first by slug").toBe(first);
  });

  it("a platform admin (a current global grant of users.manage) may enter every organization; an expired grant is no such thing", async () => {
    await signedIn(async (id) => grant(db.sql, id, platform));
    const all = (await permissions()).organizations;
    expect(all.map((o) => o.id)).toEqual(expect.arrayContaining([first, second, third]));
    expect(all.map((o) => o.slug)).toEqual([...all.map((o) => o.slug)].sort());
    expect(
      all.every((o) => o.roles.length === 0),
      "no membership, no roles there",
    ).toBe(true);

    await signedIn(async (id) => {
      await grant(db.sql, id, platform, new Date(Date.now() - DAY));
      await addMember(db.sql, id, second, zeta);
    });
    expect((await permissions()).organizations.map((o) => o.id)).toEqual([second]);
  });

  it("PUT /api/me/organization: a member switches (200, a new cookie); elsewhere 404 and nothing changes", async () => {
    await signedIn(async (id) => {
      await addMember(db.sql, id, first, readers);
      await addMember(db.sql, id, second, readers);
    });
    expect((await reports()).reports.map((r) => r.title)).toEqual(["first's report"]);

    const switched = await switchTo(await slugOf(second));
    expect(switched.status).toBe(200);
    expect(((await switched.json()) as Body).organization?.id).toBe(second);
    expect(switched.headers.get("x-access-token"), "a cookie session gets no access token").toBeNull();
    const cookie = /next-auth\.session-token=([^;]+)/.exec(switched.headers.get("set-cookie") ?? "")?.[1];
    expect(cookie, "the session cookie is re-issued").toBeDefined();
    sendCookie(cookie!);
    expect((await permissions()).organization?.id).toBe(second);
    expect((await reports()).reports.map((r) => r.title)).toEqual(["second's report"]);

    for (const slug of [await slugOf(third), "no-such-organization"]) {
      const refused = await switchTo(slug);
      expect(refused.status, slug).toBe(404);
      expect(refused.headers.get("set-cookie")).toBeNull();
    }
    expect((await permissions()).organization?.id, "still where it was").toBe(second);
  });

  it("a platform admin enters an organization they are no member of, and reads its reports", async () => {
    await signedIn(async (id) => grant(db.sql, id, platform));
    const entered = await switchTo(await slugOf(third));
    expect(entered.status).toBe(200);
    sendCookie(/next-auth\.session-token=([^;]+)/.exec(entered.headers.get("set-cookie") ?? "")![1]!);
    await db.sql.query(
      `INSERT INTO "Report" ("organizationId", title, period, revenue) VALUES ($1, 'earlier', '2026-Q1', 42)`,
      [third],
    );
    expect(await reports(), "every field, ordered by period").toEqual({
      organization: await slugOf(third),
      reports: [
        {
          id: expect.any(String),
          title: "earlier",
          period: "2026-Q1",
          revenue: 42,
          organization: await slugOf(third),
        },
        {
          id: expect.any(String),
          title: "third's report",
          period: "2026-Q4",
          revenue: 1,
          organization: await slugOf(third),
        },
      ],
    });
  });

  it("a disabled user's switch is refused (401), with no cookie", async () => {
    const id = await signedIn(async (userId) => addMember(db.sql, userId, first, readers));
    await db.sql.query(`UPDATE "User" SET "disabledAt" = now() WHERE id = $1`, [id]);
    await settleChanges();
    const refused = await switchTo(await slugOf(first));
    expect(refused.status).toBe(401);
    expect(refused.headers.get("set-cookie")).toBeNull();
  });

  it("no active organization: an empty list, not everyone's rows", async () => {
    await signedIn(async (id) => grant(db.sql, id, readers));
    expect(await reports()).toEqual({ organization: null, reports: [] });
  });

  it("a membership that ended a moment ago, not yet heard here: the reports query already reads nothing", async () => {
    const id = await signedIn(async (userId) => addMember(db.sql, userId, first, readers));
    await settleChanges();
    expect((await reports()).reports).toHaveLength(1);
    notifications.mode = "held";
    try {
      await db.sql.query(
        `UPDATE "Membership" SET "expiresAt" = now() - interval '1 second' WHERE "userId" = $1`,
        [id],
      );
      expect(await reports()).toEqual({ organization: await slugOf(first), reports: [] });
    } finally {
      notifications.release();
    }
  });

  it("a membership removed a moment ago, not yet heard here: the reports query already reads nothing", async () => {
    const id = await signedIn(async (userId) => addMember(db.sql, userId, first, readers));
    await settleChanges();
    expect((await reports()).reports).toHaveLength(1);
    notifications.mode = "held";
    try {
      await db.sql.query(`DELETE FROM "Membership" WHERE "userId" = $1`, [id]);
      // The token and this instance's cache still say: in first, with reports.read.
      expect(await reports()).toEqual({ organization: await slugOf(first), reports: [] });
    } finally {
      notifications.release();
    }
  });
});
