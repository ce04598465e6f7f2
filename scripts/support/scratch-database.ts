// A uniquely named PostgreSQL database for one run of a benchmark or a check
// (npm run bench, bench:peers, adopt:check): nothing depends on an earlier
// run, and runs side by side on one server never see each other.
import { randomBytes } from "node:crypto";
import pg from "pg";

/** Runs `work` on one short-lived connection to `url`. */
export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export type ScratchDatabase = {
  name: string;
  /** The admin URL with this database's name. */
  url: string;
  create(): Promise<void>;
  /** FORCE: a server that did not stop in time must not keep the database alive. */
  drop(): Promise<void>;
};

/**
 * Names a database `<prefix>_<pid>_<random>` on the server of `adminUrl`.
 * Creating and dropping it are the caller's, so that a cleanup can be
 * registered before the CREATE (a Ctrl-C in between still drops it).
 */
export function scratchDatabase(adminUrl: string, prefix: string): ScratchDatabase {
  const name = `${prefix}_${process.pid}_${randomBytes(4).toString("hex")}`;
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const admin = (text: string) => withClient(adminUrl, (client) => client.query(text)).then(() => {});
  return {
    name,
    url: url.toString(),
    create: () => admin(`CREATE DATABASE "${name}"`),
    drop: () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}
