// One 30-second database outage, played with a TCP gate between the "instance"
// (its pool and its change listener, with the production backoff) and
// PostgreSQL, while a revocation commits straight on the server. Through the
// outage no check may pass on the revoked grant, and reconnection attempts
// stay bounded; afterwards there is one LISTEN connection, and the first
// check that gets through carries the fresh claims.
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { DEFAULT_SESSION_LIFETIME_SECONDS } from "@/lib/env";
import { loadClaims } from "@/lib/auth/claims";
import { ensureFreshClaims, type Freshness, type FreshnessDeps } from "@/lib/auth/freshness";
import { permissionsUpdatedAtOf, withClaims } from "@/lib/auth/token";
import { databaseStamps, StampCache } from "@/lib/auth/stamp-cache";
import { DEFAULT_BACKOFF, maxAttemptsAtCap } from "@/lib/db/backoff";
import { type Database, openDatabase } from "@/lib/db/open";
import { PERMISSIONS } from "@/lib/permissions/catalogue";
import { unpackPermissions } from "@/lib/permissions/pack";
import { connectListener } from "@/lib/live/wiring";
import { startTcpGate, type TcpGate } from "@/scripts/support/tcp-gate";
import { createMigratedDatabase, describeOnPostgres, type TestDatabase } from "../support/databases";
import { createRole, createUser, grant, stampsOf } from "../support/fixtures";

const OUTAGE_MS = 30_000;
const PACE_MS = 250; // one check every quarter second, as a steady trickle of requests

await describeOnPostgres("the change listener through a 30 s database outage", () => {
  let db: TestDatabase; // straight on PostgreSQL, as psql would be
  let gate: TcpGate;
  let app: Database; // the instance's side, through the gate
  let databaseName: string;

  beforeAll(async () => {
    db = await createMigratedDatabase("postgres");
    const url = new URL(db.target.kind === "postgres" ? db.target.url : "");
    databaseName = url.pathname.slice(1);
    gate = await startTcpGate({ host: url.hostname, port: Number(url.port || 5432) });
    url.port = String(gate.port);
    app = await openDatabase({
      kind: "postgres",
      url: url.toString(),
      pool: { max: 4, connectTimeoutMs: 1_000 },
    });
  });
  afterAll(async () => {
    await app?.close();
    await gate?.close();
    await db?.dispose();
  });

  const listeningConnections = async () =>
    (
      await db.sql.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND query LIKE 'LISTEN%'`,
        [databaseName],
      )
    )[0]!.n;

  it(
    "no stale grant, bounded attempts, one connection and fresh claims after",
    { timeout: 120_000 },
    async () => {
      const roleId = await createRole(db.sql, ["reports.read"]);
      const userId = await createUser(db.sql);
      await grant(db.sql, userId, roleId);

      const attempts: number[] = []; // when each LISTEN attempt started
      const counted: Database = {
        ...app,
        listen: (...args) => (attempts.push(performance.now()), app.listen(...args)),
      };
      const cache = new StampCache(databaseStamps(app.prisma));
      const listener = connectListener(counted, { cache }, { log: () => {} });
      const deps = (): FreshnessDeps => ({
        mode: "cached",
        now: Date.now(),
        stamps: cache,
        lifetimeSeconds: DEFAULT_SESSION_LIFETIME_SECONDS,
        loadClaims: (id, at) => loadClaims(app.prisma, id, at),
      });
      const check = (token: Parameters<typeof ensureFreshClaims>[0]) =>
        ensureFreshClaims(token, deps()).catch(() => null); // null: could not check (the route answers 503)
      try {
        await listener.started;
        expect(listener.isLive).toBe(true);
        const token = withClaims({ authAt: Date.now() }, (await loadClaims(app.prisma, userId, Date.now()))!);
        expect((await check(token))?.kind).toBe("current"); // and its stamp is cached now
        expect(cache.stats().size).toBe(1);
        expect(await listeningConnections()).toBe(1);

        await gate.cut();
        const cutAt = performance.now();
        // The cut closes the listening socket: the instance notices, and its cache goes dark.
        await vi.waitFor(() => expect(listener.isLive).toBe(false), { timeout: 5_000, interval: 5 });
        await db.sql.query(`DELETE FROM "UserRole" WHERE "userId" = $1`, [userId]); // the instance cannot hear it

        const outcomes: (Freshness["kind"] | "unavailable")[] = [];
        while (performance.now() - cutAt < OUTAGE_MS) {
          outcomes.push((await check(token))?.kind ?? "unavailable");
          await new Promise((r) => setTimeout(r, PACE_MS)); // pacing the trickle, not waiting for anything
        }
        expect(new Set(outcomes)).toEqual(new Set(["unavailable"])); // never "current" on the revoked grant
        expect(outcomes.length).toBeGreaterThan(OUTAGE_MS / PACE_MS / 4);

        const during = attempts.filter((t) => t >= cutAt).map((t) => t - cutAt);
        const secondHalf = during.filter((t) => t >= OUTAGE_MS / 2).length;
        const ramp = Math.ceil(Math.log2(DEFAULT_BACKOFF.capMs / DEFAULT_BACKOFF.baseMs));
        console.info(
          `[outage] ${during.length} LISTEN attempts in ${OUTAGE_MS / 1000} s (${secondHalf} in the second half)`,
        );
        expect(during.length).toBeLessThanOrEqual(ramp + maxAttemptsAtCap(OUTAGE_MS, DEFAULT_BACKOFF));
        expect(secondHalf).toBeLessThanOrEqual(maxAttemptsAtCap(OUTAGE_MS / 2, DEFAULT_BACKOFF)); // no growth
        expect(secondHalf).toBeGreaterThanOrEqual(2); // still trying
        expect(gate.counts().refused).toBeGreaterThanOrEqual(during.length); // each one reached the gate

        await gate.open();
        // The first check that gets through rebuilds from the database: the revocation, fresh.
        const first = await vi.waitFor(
          async () => {
            const result = await check(token);
            if (!result) throw new Error("the database is still unreachable");
            return result;
          },
          { timeout: 15_000, interval: 50 },
        );
        const [stampNow] = await stampsOf(db.sql, [userId]);
        expect(first.kind).toBe("rebuilt");
        if (first.kind === "rebuilt") {
          expect(permissionsUpdatedAtOf(first.token)).toBe(stampNow);
          expect(unpackPermissions(first.token.perms, PERMISSIONS)).toEqual([]);
        }

        await vi.waitFor(() => expect(listener.isLive).toBe(true), { timeout: 15_000, interval: 20 });
        const attemptsWhenLive = attempts.length;
        expect(await listeningConnections()).toBe(1);
        expect(listener.stats().lateClosed).toBe(0);

        // Notifications flow again: a grant in SQL is heard, then served from memory.
        await grant(db.sql, userId, roleId);
        await listener.sync(5_000);
        expect(listener.isLive).toBe(true);
        const [granted] = await stampsOf(db.sql, [userId]);
        expect(await cache.read(userId)).toBe(granted);
        const hits = cache.stats().hits;
        expect(await cache.read(userId)).toBe(granted);
        expect(cache.stats().hits).toBe(hits + 1);
        expect(attempts.length).toBe(attemptsWhenLive); // settled: no further attempts
        expect(await listeningConnections()).toBe(1);
      } finally {
        await listener.stop();
      }
      await vi.waitFor(async () => expect(await listeningConnections()).toBe(0), { timeout: 5_000 });
    },
  );
});
