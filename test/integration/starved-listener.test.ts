// "A change committed more than the staleness bound before a request arrives
// is never missed, whatever the load" (docs/SCALING.md). The instance runs its
// real change listener and stamp cache; the check is the proxy's own
// (checkSessionFreshness). Each test keeps the listener from hearing a change
// (notifications held back, or the event loop starved while another thread
// commits) and then sends the request more than the bound after the commit:
// it must be answered with the change, though nothing told the cache.
import { once } from "node:events";
import { Worker } from "node:worker_threads";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { AuthToken } from "@/lib/auth/token";
import { DEFAULT_MAX_STALENESS_MS } from "@/lib/env";
import { PERMISSIONS } from "@/lib/permissions/catalogue";
import { unpackPermissions } from "@/lib/permissions/pack";
import { setAppDatabase } from "../support/app-database";
import {
  createMigratedDatabase,
  describeOnBackends,
  describeOnPostgres,
  type TestDatabase,
} from "../support/databases";
import { createRole, createUser, grant } from "../support/fixtures";
import { instanceCache, notifications, resetInstance, signIn, throughGate } from "../support/session-harness";

const { checkSessionFreshness } = await import("@/lib/auth/fresh-session");
const { settleChanges } = await import("@/lib/live/instance");

/** The instance runs with the default bound (no AUTH_MAX_STALENESS_MS in the test environment). */
const BOUND_MS = DEFAULT_MAX_STALENESS_MS;

function setUp(backend: "pglite" | "postgres") {
  const state = { db: null as unknown as TestDatabase, role: "" };
  beforeAll(async () => {
    state.db = await createMigratedDatabase(backend);
    setAppDatabase(throughGate(state.db));
    state.role = await createRole(state.db.sql, ["reports.read"], "readers");
  });
  afterAll(async () => {
    await resetInstance();
    await state.db?.dispose();
  });
  return state;
}

/** A signed-in reader whose next check is answered from the instance's memory. */
async function readerServedFromMemory(
  db: TestDatabase,
  role: string,
): Promise<{ id: string; token: AuthToken }> {
  const id = await createUser(db.sql, "reader");
  await grant(db.sql, id, role);
  const { token } = await signIn(`${id}@example.test`);
  await settleChanges(); // every earlier announcement is in: none drops the entry below
  expect((await checkSessionFreshness(token)).kind).toBe("current");
  await settleChanges();
  const cache = (await instanceCache())!;
  const hits = cache.stats().hits;
  expect((await checkSessionFreshness(token)).kind).toBe("current");
  expect(cache.stats().hits, "the check is answered from memory").toBe(hits + 1);
  return { id, token };
}

const revoke = (db: TestDatabase, userId: string) =>
  db.sql.query(`DELETE FROM "UserRole" WHERE "userId" = $1`, [userId]);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

await describeOnBackends("a listener that has not heard a change", (backend) => {
  const state = setUp(backend);

  it("a request more than the bound after the commit sees it; memory serves again once heard", async () => {
    const { id, token } = await readerServedFromMemory(state.db, state.role);
    notifications.mode = "held";
    try {
      await revoke(state.db, id);
      await sleep(BOUND_MS + 20);
      const answer = await checkSessionFreshness(token);
      expect(notifications.queue.length, "the listener still has not heard the revocation").toBeGreaterThan(
        0,
      );
      expect(answer.kind).toBe("rebuilt");
      expect(answer.kind === "rebuilt" && unpackPermissions(answer.token.perms, PERMISSIONS)).toEqual([]);
    } finally {
      notifications.release();
    }
    await settleChanges();
    const cache = (await instanceCache())!;
    const { token: fresh } = await signIn(`${id}@example.test`);
    await checkSessionFreshness(fresh);
    const hits = cache.stats().hits;
    expect((await checkSessionFreshness(fresh)).kind).toBe("current");
    expect(cache.stats().hits, "heard again: memory serves").toBe(hits + 1);
  });

  it("a listener a whole second behind (a slow link) is not trusted either", async () => {
    const { id, token } = await readerServedFromMemory(state.db, state.role);
    notifications.mode = 1_000;
    try {
      await revoke(state.db, id);
      const committed = Date.now();
      await sleep(BOUND_MS + 20);
      const answer = await checkSessionFreshness(token);
      if (Date.now() - committed < 1_000) expect(answer.kind).toBe("rebuilt");
      else expect.fail("the machine was too slow to request within the second the link delays");
    } finally {
      notifications.release();
    }
  });
});

/**
 * Another thread (another writer, as psql would be) commits the revocation
 * while this thread's event loop is busy: the notification waits in the
 * socket, unread, and the request is served first, as on a starved instance.
 */
const WRITER = `
const { workerData, parentPort } = require("node:worker_threads");
const pg = require("pg");
(async () => {
  const client = new pg.Client({ connectionString: workerData.url });
  await client.connect();
  const signal = new Int32Array(workerData.signal);
  parentPort.postMessage("ready");
  Atomics.wait(signal, 0, 0);
  await client.query('DELETE FROM "UserRole" WHERE "userId" = $1', [workerData.userId]);
  new Float64Array(workerData.committedAt)[0] = Date.now();
  Atomics.store(signal, 1, 1);
  await client.end();
})().catch((error) => parentPort.postMessage("error: " + error.message));
`;

await describeOnPostgres("an instance whose event loop is starved", () => {
  const state = setUp("postgres");

  it("a request more than the bound after a commit it could not hear sees it", async () => {
    const { id, token } = await readerServedFromMemory(state.db, state.role);
    const target = state.db.target;
    if (target.kind !== "postgres") throw new Error("PostgreSQL only");
    const signal = new Int32Array(new SharedArrayBuffer(8));
    const committedAt = new Float64Array(new SharedArrayBuffer(8));
    const writer = new Worker(WRITER, {
      eval: true,
      workerData: { url: target.url, userId: id, signal: signal.buffer, committedAt: committedAt.buffer },
    });
    try {
      const [ready] = (await once(writer, "message")) as [string];
      expect(ready).toBe("ready");
      await settleChanges();
      // From here until the request, this thread's loop runs nothing else.
      Atomics.store(signal, 0, 1);
      Atomics.notify(signal, 0);
      const giveUp = Date.now() + 10_000;
      while (Atomics.load(signal, 1) === 0 && Date.now() < giveUp);
      expect(Atomics.load(signal, 1), "the other writer committed").toBe(1);
      // Starved well past the bound: 1.5 s after the commit.
      while (Date.now() < committedAt[0]! + 1_500);
      const answer = await checkSessionFreshness(token);
      expect(answer.kind).toBe("rebuilt");
      expect(answer.kind === "rebuilt" && unpackPermissions(answer.token.perms, PERMISSIONS)).toEqual([]);
    } finally {
      await writer.terminate();
    }
  });
});
