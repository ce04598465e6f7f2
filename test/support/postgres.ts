// Real PostgreSQL for integration tests. Each test database is created with a
// unique name and dropped afterwards; nothing depends on an earlier run.
// TEST_POSTGRES_URL names the server (an admin connection). `npm run
// test:integration` sets it to a server that answers (scripts/with-test-postgres.ts
// starts an embedded one when none does), so these tests never skip.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { DEFAULT_TEST_POSTGRES_URL, redacted, unreachableReason } from "../../scripts/support/test-postgres";

const ADMIN_URL = process.env.TEST_POSTGRES_URL || DEFAULT_TEST_POSTGRES_URL;

let checked: Promise<void> | undefined;

/** Fails, saying what to do, when the server does not answer (run directly with vitest, no server). */
export function requirePostgres(): Promise<void> {
  checked ??= unreachableReason(ADMIN_URL).then((reason) => {
    if (reason === null) return;
    throw new Error(
      `PostgreSQL at ${redacted(ADMIN_URL)} is not reachable: ${reason}\n` +
        "Run `npm run test:integration` (it starts an embedded PostgreSQL when none answers), " +
        "or start a server / set TEST_POSTGRES_URL.",
    );
  });
  return checked;
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
