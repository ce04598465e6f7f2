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
import { listenPostgres } from "./listen-postgres";
import type { ListenHandle, ListenOptions, ListenSource } from "./listen-source";
import { type SqlClient, sqlFromPg, sqlFromPglite } from "./sql";
import { explainOpenFailure, holdsDatabase } from "./pglite-damage";
import { type Release, lockPgliteDirectory } from "./pglite-lock";

export type DbTarget =
  /** listenUrl: a direct (or session-mode) connection for LISTEN when `url` goes through a transaction pooler. */
  | { kind: "postgres"; url: string; listenUrl?: string; pool?: PoolBounds }
  /** image: a dumped data directory to start an in-memory database from (tests: one migrated copy per run). */
  | { kind: "pglite"; dir: string | null; image?: Blob };

/** How many connections an instance opens, and how long it waits for one before giving up. */
type PoolBounds = { max: number; connectTimeoutMs: number };

const DEFAULT_POOL_BOUNDS: PoolBounds = { max: 10, connectTimeoutMs: 3_000 };

export type { ListenHandle, ListenOptions };

/** A database handle: Prisma, raw SQL, sessions, and LISTEN (./listen-source.ts). */
export type Database = ListenSource & {
  target: DbTarget;
  prisma: PrismaClient;
  /** Runs `work` on one dedicated session (for locks and explicit transactions). */
  withSession<T>(work: (sql: SqlClient) => Promise<T>): Promise<T>;
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
  const bounds = target.pool ?? DEFAULT_POOL_BOUNDS;
  const pool = new pg.Pool({
    connectionString: target.url,
    max: bounds.max,
    // During an outage a request waits this long at most, then fails (503):
    // nothing queues forever, so neither latency nor memory grows.
    connectionTimeoutMillis: bounds.connectTimeoutMs,
    idleTimeoutMillis: 10_000,
    keepAlive: true,
  });
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
    listen: (channel, onPayload, onLost, options) =>
      listenPostgres(target.listenUrl ?? target.url, bounds.connectTimeoutMs, channel, {
        onPayload,
        onLost,
        signal: options?.signal,
      }),
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
  const db = await PGlite.create(dataDir, target.image ? { loadDataDir: target.image } : undefined).catch(
    (error: unknown) => {
      lock?.release();
      throw existing ? explainOpenFailure(existing, error) : error;
    },
  );
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
