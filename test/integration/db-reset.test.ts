// `npm run db:reset` on PostgreSQL: nothing can be set aside there, so it
// refuses without --yes, and with it drops the schema and starts afresh.
// (PGlite's reset, which keeps a backup, is tried with real processes in
// pglite-owner.test.ts.)
import { afterEach, beforeEach, expect, it } from "vitest";
import { migrate } from "@/lib/db/tasks";
import { type Database, openDatabase } from "@/lib/db/open";
import { resetDatabase } from "@/lib/db/reset";
import { DEMO_MEMBERS, DEMO_USERS } from "@/lib/db/demo-data";
import { describeOnPostgres } from "../support/databases";
import { createPostgresDatabase } from "../support/postgres";

const quiet = () => {};

await describeOnPostgres("db:reset", () => {
  let created: Awaited<ReturnType<typeof createPostgresDatabase>>;
  let db: Database;

  beforeEach(async () => {
    created = await createPostgresDatabase();
    db = await openDatabase({ kind: "postgres", url: created.url });
    await migrate(db, quiet);
    await db.sql.exec(`CREATE TABLE keepsake (x INT); INSERT INTO keepsake VALUES (1)`);
  });

  afterEach(async () => {
    await db.close();
    await created.drop();
  });

  it("refuses without --yes and changes nothing", async () => {
    const target = { kind: "postgres", url: created.url } as const;
    await expect(resetDatabase(target, { yes: false }, quiet)).rejects.toThrow(
      "To go ahead: npm run db:reset -- --yes",
    );
    expect(await db.sql.query(`SELECT x FROM keepsake`)).toEqual([{ x: 1 }]);
    expect(await db.sql.query(`SELECT email FROM "User"`)).toEqual([]);
  });

  it("with --yes drops everything and leaves a migrated, seeded database", async () => {
    const lines: string[] = [];
    await resetDatabase({ kind: "postgres", url: created.url }, { yes: true }, (l) => lines.push(l));
    expect(lines).toContain(`Dropped and recreated the schema "public".`);
    expect(await db.sql.query(`SELECT to_regclass('keepsake') AS t`)).toEqual([{ t: null }]);
    const users = await db.sql.query<{ email: string }>(`SELECT email FROM "User" ORDER BY email`);
    expect(users.map((u) => u.email)).toEqual([...DEMO_USERS, ...DEMO_MEMBERS].map((u) => u.email).sort());
    const triggers = await db.sql.query(`SELECT 1 FROM pg_trigger WHERE NOT tgisinternal`);
    expect(triggers.length).toBeGreaterThan(0); // the permission-stamp triggers came back with the migrations
  });
});
