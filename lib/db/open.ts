// Opens a database: PostgreSQL through the pg driver adapter, or the embedded
// PGlite (in a data directory, or in memory for tests). Everything above this
// module is the same for both.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import pg from "pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { type SqlClient, sqlFromPg, sqlFromPglite } from "./sql";
import { explainOpenFailure, holdsDatabase } from "./pglite-damage";
import { type Release, lockPgliteDirectory } from "./pglite-lock";

export type DbTarget =
  /** listenUrl: a direct (or session-mode) connection for LISTEN when `url` goes through a transaction pooler. */
  { kind: "postgres"; url: string; listenUrl?: string } | { kind: "pglite"; dir: string | null };

export type Notification = { channel: string; payload: string };

export type ListenHandle = { close(): Promise<void> };

export type Database = {
  target: DbTarget;
  prisma: PrismaClient;
  /** Pooled raw SQL for single statements. */
  sql: SqlClient;
  /** Runs `work` on one dedicated session (for locks and explicit transactions). */
  withSession<T>(work: (sql: SqlClient) => Promise<T>): Promise<T>;
  /**
   * LISTENs on `channel`. `onLost` is called once if the listening connection
   * breaks; the caller decides how to re-subscribe.
   */
  listen(
    channel: string,
    onPayload: (payload: string) => void,
    onLost: (error: Error) => void,
  ): Promise<ListenHandle>;
  close(): Promise<void>;
};

export function describeTarget(target: DbTarget): string {
  if (target.kind === "pglite") return target.dir ? `PGlite at ${target.dir}` : "PGlite in memory";
  const url = new URL(target.url);
  return `PostgreSQL at ${url.hostname}:${url.port || 5432}${url.pathname}`;
}

export async function openDatabase(target: DbTarget): Promise<Database> {
  return target.kind === "postgres" ? openPostgres(target) : openPglite(target);
}

async function openPostgres(target: Extract<DbTarget, { kind: "postgres" }>): Promise<Database> {
  const pool = new pg.Pool({ connectionString: target.url, max: 10 });
  // An idle client that loses its server must not crash the process.
  pool.on("error", () => {});
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    target,
    prisma,
    sql: sqlFromPg(pool),
    async withSession(work) {
      const client = await pool.connect();
      try {
        return await work(sqlFromPg(client));
      } finally {
        client.release();
      }
    },
    async listen(channel, onPayload, onLost) {
      const client = new pg.Client({ connectionString: target.listenUrl ?? target.url, keepAlive: true });
      let lost = false;
      const loseOnce = (error: Error) => {
        if (lost) return;
        lost = true;
        onLost(error);
      };
      client.on("error", loseOnce);
      client.on("end", () => loseOnce(new Error("listening connection ended")));
      client.on("notification", (n) => {
        if (n.channel === channel) onPayload(n.payload ?? "");
      });
      await client.connect();
      await client.query(`LISTEN "${channel}"`);
      return {
        async close() {
          lost = true; // a deliberate close is not a loss
          await client.end().catch(() => {});
        },
      };
    },
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

async function openPglite(target: Extract<DbTarget, { kind: "pglite" }>): Promise<Database> {
  let dataDir: string | undefined;
  let lock: Release | undefined;
  if (target.dir) {
    dataDir = path.resolve(target.dir);
    // One process at a time: refuse (naming the holder) before anything touches the directory.
    lock = lockPgliteDirectory(dataDir);
    mkdirSync(dataDir, { recursive: true });
  }
  const existing = holdsDatabase(dataDir) ? dataDir : undefined;
  const db = await PGlite.create(dataDir).catch((error: unknown) => {
    lock?.release();
    throw existing ? explainOpenFailure(existing, error) : error;
  });
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(db) });
  const sql = sqlFromPglite(db);
  return {
    target,
    prisma,
    sql,
    // PGlite is a single session already.
    withSession: (work) => work(sql),
    async listen(channel, onPayload) {
      // In-process: the "connection" cannot drop, so onLost is never called.
      const unlisten = await db.listen(channel, onPayload);
      return { close: () => unlisten() };
    },
    async close() {
      try {
        await prisma.$disconnect();
        await db.close();
      } finally {
        lock?.release();
      }
    },
  };
}
