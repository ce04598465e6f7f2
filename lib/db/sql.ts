// A minimal raw-SQL interface shared by PostgreSQL (pg) and PGlite, used by
// the migration applier, the seed's checks, the change listener and tests.
import type { PGlite } from "@electric-sql/pglite";
import type { ClientBase } from "pg";

export interface SqlClient {
  /** One statement, with $1-style parameters. */
  query<Row = Record<string, unknown>>(text: string, params?: unknown[]): Promise<Row[]>;
  /** Several statements separated by semicolons, without parameters. */
  exec(script: string): Promise<void>;
}

export function sqlFromPg(client: Pick<ClientBase, "query">): SqlClient {
  return {
    async query<Row>(text: string, params?: unknown[]) {
      const result = await client.query(text, params);
      return result.rows as Row[];
    },
    async exec(script) {
      await client.query(script);
    },
  };
}

export function sqlFromPglite(db: PGlite): SqlClient {
  return {
    async query<Row>(text: string, params?: unknown[]) {
      const result = await db.query<Row>(text, params);
      return result.rows;
    },
    async exec(script) {
      await db.exec(script);
    },
  };
}
