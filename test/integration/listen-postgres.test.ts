// The PostgreSQL side of Database.listen, against a TCP gate: pg reports one
// failure several ways ('error', 'end', the rejection); here a failed attempt
// rejects once and leaves no socket behind, and a lost connection is reported
// once. And a partition that says nothing is caught by the heartbeat.
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { StampCache } from "@/lib/auth/stamp-cache";
import { listenPostgres } from "@/lib/db/listen-postgres";
import { type Database, openDatabase } from "@/lib/db/open";
import { connectListener } from "@/lib/live/wiring";
import { startTcpGate, type TcpGate } from "@/scripts/support/tcp-gate";
import { createMigratedDatabase, describeOnPostgres, type TestDatabase } from "../support/databases";

const turn = () => new Promise((r) => setImmediate(r)); // lets pending socket events run

await describeOnPostgres("LISTEN connections through a TCP gate", () => {
  let db: TestDatabase;
  let gate: TcpGate;
  let gatedUrl: string;
  let databaseName: string;

  beforeAll(async () => {
    db = await createMigratedDatabase("postgres");
    const url = new URL(db.target.kind === "postgres" ? db.target.url : "");
    databaseName = url.pathname.slice(1);
    gate = await startTcpGate({ host: url.hostname, port: Number(url.port || 5432) });
    url.port = String(gate.port);
    gatedUrl = url.toString();
  });
  afterAll(async () => {
    await gate?.close();
    await db?.dispose();
  });

  const callbacks = () => ({ onPayload: vi.fn(), onLost: vi.fn() });
  const listeners = async () =>
    (
      await db.sql.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND query LIKE 'LISTEN%'`,
        [databaseName],
      )
    )[0]!.n;

  it("a refused attempt rejects, reports no loss besides, and leaves nothing open", async () => {
    await gate.cut();
    const cb = callbacks();
    await expect(listenPostgres(gatedUrl, 1_000, "probe", cb)).rejects.toThrow();
    await turn();
    await turn();
    expect(cb.onLost).not.toHaveBeenCalled();
    expect(gate.counts()).toMatchObject({ refused: 1, open: 0, held: 0 });
    await gate.open();
  });

  it("an unanswered attempt gives up after its timeout, or at once when aborted, and frees its socket", async () => {
    await gate.silence();
    const cb = callbacks();
    await expect(listenPostgres(gatedUrl, 300, "probe", cb)).rejects.toThrow();
    await vi.waitFor(() => expect(gate.counts().held).toBe(0), { timeout: 5_000 });

    const controller = new AbortController();
    const attempt = listenPostgres(gatedUrl, 1_000, "probe", { ...cb, signal: controller.signal });
    await vi.waitFor(() => expect(gate.counts().held).toBe(1), { timeout: 5_000 });
    controller.abort();
    await expect(attempt).rejects.toThrow();
    await vi.waitFor(() => expect(gate.counts().held).toBe(0), { timeout: 5_000 });
    expect(cb.onLost).not.toHaveBeenCalled();
    await gate.open();
  });

  it("a subscribed connection hears notifications, and its loss is reported once", async () => {
    const cb = callbacks();
    const handle = await listenPostgres(gatedUrl, 1_000, "probe", cb);
    await db.sql.query(`SELECT pg_notify('probe', 'hello')`);
    await vi.waitFor(() => expect(cb.onPayload).toHaveBeenCalledWith("hello"), { timeout: 5_000 });
    await gate.cut(); // pg reports it as 'error' and as 'end'
    await vi.waitFor(() => expect(cb.onLost).toHaveBeenCalled(), { timeout: 5_000 });
    await turn();
    await turn();
    expect(cb.onLost).toHaveBeenCalledTimes(1);
    await handle.close(); // nothing left to close, and no error
    await gate.open();
  });

  it("a silent partition is caught by the heartbeat; afterwards one LISTEN connection", async () => {
    const app: Database = await openDatabase({
      kind: "postgres",
      url: gatedUrl,
      pool: { max: 2, connectTimeoutMs: 500 },
    });
    const cache = new StampCache({ read: async () => 1 });
    const listener = connectListener(
      app,
      { cache },
      {
        log: () => {},
        heartbeat: { everyMs: 200, timeoutMs: 300 },
      },
    );
    try {
      await listener.started;
      expect(listener.isLive).toBe(true);
      await gate.silence(); // no reset, no error: only the missing echo tells
      await vi.waitFor(() => expect(listener.isLive).toBe(false), { timeout: 10_000 });
      await gate.open(); // the silenced connections are dropped now
      await vi.waitFor(() => expect(listener.isLive).toBe(true), { timeout: 15_000 });
      await vi.waitFor(async () => expect(await listeners()).toBe(1), { timeout: 5_000 });
      expect(listener.stats().lateClosed).toBe(0);
    } finally {
      await listener.stop();
      await app.close();
    }
  });
});
