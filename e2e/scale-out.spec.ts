// e2e: serial (it kills database connections and cuts instances off the database)
import { DEFAULT_BACKOFF, maxAttemptsAtCap } from "../lib/db/backoff";
import { type RunningServer, startServer } from "../scripts/support/next-server";
import { startTcpGate, type TcpGate } from "../scripts/support/tcp-gate";
import { openUser } from "./admin-support";
import { E2E_DATABASE_URL, E2E_SECRET, PORT } from "./config";
import { createThrowawayUser, grantRole, revokeRole, sql } from "./database";
import { expect, test } from "./fixtures";
import { secondInstance } from "./second-instance";
import { firstAnswer } from "./support";

// Several instances on one PostgreSQL database: a change made anywhere is
// enforced by every instance on its next request, and an instance that cannot
// check permissions refuses instead of guessing.
test.describe.configure({ timeout: 120_000 });

const B_NAME = `authz-e2e-b-${PORT}`;
const instanceB = secondInstance(B_NAME);

const listenersOf = async (applicationName: string) =>
  (
    await sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity
       WHERE datname = current_database() AND application_name = $1 AND query ILIKE 'LISTEN%'`,
      [applicationName],
    )
  )[0]!.n;

test("a change in SQL, or through instance A, is enforced by instance B on its next request", async ({
  signedInAs,
  apiAs,
}) => {
  const user = await createThrowawayUser(["Viewer"]);
  const onB = await apiAs(user.email, { baseURL: instanceB().baseUrl });
  expect((await onB.get("/api/reports")).status()).toBe(403);

  await grantRole(user.id, "Editor");
  await firstAnswer(200, () => onB.get("/api/reports"));
  await revokeRole(user.id, "Editor");
  await firstAnswer(403, () => onB.get("/api/reports"));

  // Through the app on instance A: the user signs out everywhere there.
  const page = await signedInAs(user.email);
  await page.goto("/profile");
  await page.getByRole("button", { name: "Sign out everywhere" }).click();
  await page.getByRole("button", { name: "Yes, sign out everywhere" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await firstAnswer(401, () => onB.get("/api/me/permissions"));
});

test("an admin grants a role in the dashboard on instance A; instance B enforces it", async ({
  signedInAs,
  apiAs,
}) => {
  const user = await createThrowawayUser(["Viewer"]);
  const onB = await apiAs(user.email, { baseURL: instanceB().baseUrl });
  expect((await onB.get("/api/reports")).status()).toBe(403);

  const admin = await signedInAs("admin"); // the suite's own server is instance A
  const [row] = await sql<{ name: string }>(`SELECT name FROM "User" WHERE id = $1`, [user.id]);
  await openUser(admin, user.email, row!.name);
  const add = admin.getByRole("form", { name: "Add a role" });
  await add.getByLabel("Role", { exact: true }).selectOption({ label: "Editor" });
  await add.getByRole("button", { name: "Add role" }).click();
  await expect(add.getByRole("status")).toHaveText(`Editor granted to ${row!.name}.`);
  await firstAnswer(200, () => onB.get("/api/reports"));
});

test("B's listening connection killed: no revoked permission is served while it reconnects", async ({
  apiAs,
}) => {
  const user = await createThrowawayUser(["Editor"]);
  const onB = await apiAs(user.email, { baseURL: instanceB().baseUrl });
  expect((await onB.get("/api/reports")).status()).toBe(200); // cached on B now
  await expect.poll(() => listenersOf(B_NAME)).toBe(1);

  const [killed] = await sql<{ ok: boolean }>(
    `SELECT pg_terminate_backend(pid, 5000) AS ok FROM pg_stat_activity
     WHERE datname = current_database() AND application_name = $1 AND query ILIKE 'LISTEN%'`,
    [B_NAME],
  );
  expect(killed?.ok).toBe(true);
  await revokeRole(user.id, "Editor"); // its notification can no longer reach B
  expect((await onB.get("/api/reports")).status()).toBe(403);

  await expect.poll(() => listenersOf(B_NAME), { timeout: 15_000 }).toBe(1); // re-subscribed
  await grantRole(user.id, "Editor");
  await firstAnswer(200, () => onB.get("/api/reports"));
  await revokeRole(user.id, "Editor");
  await firstAnswer(403, () => onB.get("/api/reports"));
});

const healthOf = async (baseUrl: string) => (await fetch(`${baseUrl}/api/health`)).json();

const stampOf = async (userId: string) =>
  (
    await sql<{ s: Date }>(`SELECT "permissionsUpdatedAt" AS s FROM "User" WHERE id = $1`, [userId])
  )[0]!.s.getTime();

test("with the database unreachable, two instances answer 503, never allow; then recover by themselves", async ({
  apiAs,
}) => {
  const pgUrl = new URL(E2E_DATABASE_URL!);
  const server = { host: pgUrl.hostname, port: Number(pgUrl.port || 5432) };
  // Queries and LISTEN through separate gates, so the refused LISTEN attempts can be counted.
  const gates: TcpGate[] = [await startTcpGate(server), await startTcpGate(server)];
  const [queries, listens] = gates as [TcpGate, TcpGate];
  const through = (gate: TcpGate) =>
    Object.assign(new URL(E2E_DATABASE_URL!), { port: String(gate.port) }).toString();
  const names = [`authz-e2e-c-${PORT}`, `authz-e2e-d-${PORT}`];
  const instances: RunningServer[] = [];
  try {
    for (const name of names)
      instances.push(
        await startServer(name, {
          NODE_ENV: "production",
          NEXTAUTH_SECRET: E2E_SECRET,
          DATABASE_URL: through(queries),
          DATABASE_LISTEN_URL: through(listens),
          PGAPPNAME: name,
        }),
      );
    const user = await createThrowawayUser(["Editor"]);
    const clients = await Promise.all(instances.map((i) => apiAs(user.email, { baseURL: i.baseUrl })));
    for (const client of clients) expect((await client.get("/api/reports")).status()).toBe(200); // cached there now

    await queries.cut();
    await listens.cut();
    const cutAt = Date.now();
    // The cut closes each instance's listening connection; once an instance has
    // noticed (milliseconds), it no longer answers from memory. Only then does
    // the revocation commit: before that, no instance could know of it.
    for (const { baseUrl } of instances)
      await expect
        .poll(() => healthOf(baseUrl))
        .toMatchObject({ status: "degraded", database: "down", listener: "dark", listenerLagMs: null });
    await revokeRole(user.id, "Editor"); // straight on PostgreSQL, which neither instance can reach

    for (const client of clients) {
      const during: number[] = [];
      for (let i = 0; i < 10; i++) {
        const response = await client.get("/api/reports");
        during.push(response.status());
        if (response.status() === 503) expect((await response.json()).error).toMatch(/cannot be checked/);
      }
      expect(during).toEqual(Array(10).fill(503));
      expect((await client.get("/reports", { maxRedirects: 0 })).status()).toBe(503);
    }
    // Both keep retrying, with backoff: bounded, whatever the failure looks like to pg.
    await expect.poll(() => listens.counts().refused, { timeout: 15_000 }).toBeGreaterThanOrEqual(6);
    const ramp = Math.ceil(Math.log2(DEFAULT_BACKOFF.capMs / DEFAULT_BACKOFF.baseMs));
    const bound = instances.length * (ramp + maxAttemptsAtCap(Date.now() - cutAt, DEFAULT_BACKOFF));
    expect(listens.counts().refused).toBeLessThanOrEqual(bound);

    await queries.open();
    await listens.open();
    for (const client of clients) {
      // The first answer that is not 503 carries the claims as they are now.
      let first = await client.get("/api/me/permissions");
      await expect
        .poll(async () => (first = await client.get("/api/me/permissions")).status(), { timeout: 20_000 })
        .not.toBe(503);
      expect(first.status()).toBe(200);
      const body = (await first.json()) as { permissions: string[]; permissionsUpdatedAt: number };
      expect(body.permissions).not.toContain("reports.read");
      expect(body.permissionsUpdatedAt).toBe(await stampOf(user.id));
      expect((await client.get("/api/reports")).status()).toBe(403);
    }
    for (const [i, { baseUrl }] of instances.entries()) {
      await expect
        .poll(() => healthOf(baseUrl), { timeout: 20_000 })
        .toMatchObject({ status: "ok", listener: "live" });
      expect(await listenersOf(names[i]!)).toBe(1); // one LISTEN connection each, never more
    }
    expect(listens.counts().open).toBe(instances.length);

    await grantRole(user.id, "Editor"); // heard again through NOTIFY
    for (const client of clients) await firstAnswer(200, () => client.get("/api/reports"));
  } finally {
    for (const instance of instances) await instance.stop();
    for (const gate of gates) await gate.close();
  }
});
