// `npm run db:seed` and `npm run db:restamp` as an operator runs them: real
// processes (scripts/db.ts) on a database of each kind (a PGlite directory, a
// PostgreSQL database). In production the demo accounts are written only when
// asked for with --demo; after writes that skipped the triggers
// (session_replication_role = replica, as a trigger-less restore writes),
// one command moves every user's stamp.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { type Database, openDatabase } from "@/lib/db/open";
import { describeOnBackends } from "../support/databases";
import { createPostgresDatabase } from "../support/postgres";
import { killAll, spawnScript } from "../support/processes";

const DB_SCRIPT = "scripts/db.ts";
const PRODUCTION = {
  NODE_ENV: "production",
  NEXTAUTH_SECRET: "db-scripts-secret-long-enough-for-the-checks",
};

await describeOnBackends("db scripts", (backend) => {
  let target: Record<string, string>;
  let cleanUp: () => Promise<void>;

  beforeEach(async () => {
    if (backend === "postgres") {
      const created = await createPostgresDatabase();
      target = { DATABASE_URL: created.url };
      cleanUp = created.drop;
    } else {
      const dir = mkdtempSync(path.join(tmpdir(), "db-scripts-"));
      target = { PGLITE_DIR: path.join(dir, "pglite") };
      cleanUp = async () => rmSync(dir, { recursive: true, force: true });
    }
    await run(["migrate"]);
  });
  afterEach(async () => {
    await killAll();
    await cleanUp();
  });

  async function run(args: string[], env: Record<string, string> = PRODUCTION) {
    const child = spawnScript(DB_SCRIPT, args, { ...env, ...target });
    const code = await child.exited(60_000);
    return { code, output: child.output() };
  }

  /** Opens the database between two commands (a PGlite directory has one owner at a time). */
  async function withDb<T>(work: (db: Database) => Promise<T>): Promise<T> {
    const db = await openDatabase(
      target.DATABASE_URL
        ? { kind: "postgres", url: target.DATABASE_URL }
        : { kind: "pglite", dir: target.PGLITE_DIR! },
    );
    try {
      return await work(db);
    } finally {
      await db.close();
    }
  }

  const emails = () =>
    withDb(async (db) =>
      (await db.sql.query<{ email: string }>(`SELECT email FROM "User"`)).map((u) => u.email),
    );

  it(
    "in production, db:seed refuses without --demo (exit 1, nothing written) and seeds with it",
    { timeout: 120_000 },
    async () => {
      const refused = await run(["seed"]);
      expect(refused.code).toBe(1);
      expect(refused.output).toContain("Refusing to run db:seed with NODE_ENV=production");
      expect(refused.output).toContain("npm run db:seed -- --demo");
      expect(await emails()).toEqual([]);

      const asked = await run(["seed", "--demo"]);
      expect(asked.code, asked.output).toBe(0);
      expect(await emails()).toContain("admin@example.com");
    },
  );

  it(
    "a grant written under session_replication_role = replica goes unnoticed; db:restamp then moves every stamp",
    { timeout: 120_000 },
    async () => {
      const stamps = () =>
        withDb(
          async (db) =>
            new Map(
              (
                await db.sql.query<{ id: string; at: string }>(
                  `SELECT id, "permissionsUpdatedAt"::text AS at FROM "User" ORDER BY id`,
                )
              ).map((u) => [u.id, u.at]),
            ),
        );
      await withDb(async (db) => {
        await db.sql.exec(`
        INSERT INTO "User" (id, email, name, "passwordHash") VALUES ('u1', 'one@example.test', 'One', 'x'), ('u2', 'two@example.test', 'Two', 'x');
        INSERT INTO "Role" (id, name) VALUES ('r1', 'restored');
        INSERT INTO "RolePermission" ("roleId", permission) VALUES ('r1', 'reports.read');`);
      });
      const before = await stamps();
      await withDb((db) =>
        db.withSession((sql) =>
          sql.exec(`
          SET session_replication_role = replica;
          INSERT INTO "UserRole" ("userId", "roleId") VALUES ('u1', 'r1');
          SET session_replication_role = origin;`),
        ),
      );
      expect(await stamps(), "the triggers did not run").toEqual(before);

      const restamped = await run(["restamp"]);
      expect(restamped.code, restamped.output).toBe(0);
      expect(restamped.output).toContain("Restamp: 2 users' permission stamps moved");
      const after = await stamps();
      for (const [id, at] of before) expect(Date.parse(after.get(id)!), id).toBeGreaterThan(Date.parse(at));
    },
  );
});
