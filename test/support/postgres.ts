// Real PostgreSQL for integration tests. Each test database is created with a
// unique name and dropped afterwards; nothing depends on an earlier run.
// TEST_POSTGRES_URL names the server (an admin connection); REQUIRE_POSTGRES=1
// (set by .ci/run) turns "not reachable" from a skip into a failure.
import { randomBytes } from "node:crypto";
import pg from "pg";

const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const REQUIRED = process.env.REQUIRE_POSTGRES === "1";

export type PostgresStatus = { available: true } | { available: false; reason: string };

async function probe(): Promise<PostgresStatus> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return { available: true };
  } catch (error) {
    return { available: false, reason: error instanceof Error ? error.message : String(error) };
  } finally {
    await client.end().catch(() => {});
  }
}

let status: Promise<PostgresStatus> | undefined;

/** Whether PostgreSQL tests can run here; fails loudly when they are required but cannot. */
export async function postgresStatus(): Promise<PostgresStatus> {
  status ??= probe().then((s) => {
    if (!s.available && REQUIRED) {
      throw new Error(`REQUIRE_POSTGRES=1 but PostgreSQL at ${ADMIN_URL} is not reachable: ${s.reason}`);
    }
    if (!s.available) {
      console.warn(
        `\n  SKIPPED: PostgreSQL integration tests (${ADMIN_URL} not reachable: ${s.reason}).` +
          "\n  Start PostgreSQL or set TEST_POSTGRES_URL to run them; CI sets REQUIRE_POSTGRES=1.\n",
      );
    }
    return s;
  });
  return status;
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates an empty database and returns its URL and a function that drops it. */
export async function createPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `authz_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  await admin((c) => c.query(`CREATE DATABASE "${name}"`));
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => {}),
  };
}
