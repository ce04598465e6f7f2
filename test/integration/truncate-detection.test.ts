// TRUNCATE fires no row or DELETE trigger: statement-level AFTER TRUNCATE
// triggers on every table that feeds claims re-stamp everyone and announce
// '*' (prisma/migrations/20261201110000_truncate_and_disable).
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { CHANGES_CHANNEL } from "@/lib/db/change-channel";
import type { ListenHandle } from "@/lib/db/open";
import { createMigratedDatabase, describeOnBackends, type TestDatabase } from "../support/databases";
import { createRole, createUser, grant, stampsOf } from "../support/fixtures";

// "Session" too: ending sessions (every one, here) must reach every instance like a claims change.
const CLAIM_TABLES = ["User", "Role", "UserRole", "RolePermission", "Session", "Organization", "Membership"];

await describeOnBackends("TRUNCATE detection", (backend) => {
  let db: TestDatabase;
  let listening: ListenHandle;
  let payloads: string[] = [];
  let member: string, bystander: string, role: string;

  beforeAll(async () => {
    db = await createMigratedDatabase(backend);
    listening = await db.listen(
      CHANGES_CHANNEL,
      (p) => payloads.push(p),
      () => {},
    );
  });
  afterAll(async () => {
    await listening?.close();
    await db?.dispose();
  });

  beforeEach(async () => {
    role = await createRole(db.sql, ["reports.read"]);
    member = await createUser(db.sql);
    bystander = await createUser(db.sql); // holds no role at all
    await grant(db.sql, member, role);
  });

  /** Waits for a notification matching `wanted` (PostgreSQL delivers them after the commit, asynchronously). */
  async function announced(wanted: (p: string) => boolean, timeoutMs = 5_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (!payloads.some(wanted)) {
      if (Date.now() > until) throw new Error(`no matching notification in ${timeoutMs} ms: ${payloads}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  /** Runs `truncate`, then expects every remaining user re-stamped and '*' announced. */
  async function expectEveryoneBumped(truncate: string) {
    const everyone = [member, bystander];
    const before = await stampsOf(db.sql, everyone);
    payloads = [];
    await db.sql.exec(truncate);
    const after = await stampsOf(db.sql, everyone);
    everyone.forEach((id, i) => {
      if (Number.isNaN(after[i]!)) return; // the user went with the table
      expect(after[i], `${id} re-stamped by ${truncate}`).toBeGreaterThan(before[i]!);
    });
    await announced((p) => p === "*");
  }

  it('TRUNCATE "RolePermission" re-stamps everyone, announces "*", and moves every role\'s version', async () => {
    const versionsBefore = await db.sql.query<{ id: string; version: number }>(
      `SELECT id, version FROM "Role" ORDER BY id`,
    );
    await expectEveryoneBumped(`TRUNCATE "RolePermission"`);
    const versionsAfter = await db.sql.query<{ id: string; version: number }>(
      `SELECT id, version FROM "Role" ORDER BY id`,
    );
    expect(versionsAfter.map((r) => r.id)).toEqual(versionsBefore.map((r) => r.id));
    versionsAfter.forEach((r, i) => expect(r.version).toBeGreaterThan(versionsBefore[i]!.version));
  });

  it('TRUNCATE "UserRole" re-stamps everyone and announces "*"', async () => {
    await expectEveryoneBumped(`TRUNCATE "UserRole"`);
  });

  it('TRUNCATE "Role" CASCADE (which empties UserRole and RolePermission too) re-stamps everyone', async () => {
    await expectEveryoneBumped(`TRUNCATE "Role" CASCADE`);
    expect(await db.sql.query(`SELECT 1 FROM "UserRole"`)).toEqual([]);
  });

  it('TRUNCATE "Session" (every session ended) re-stamps everyone and announces "*"', async () => {
    await expectEveryoneBumped(`TRUNCATE "Session"`);
  });

  it('TRUNCATE "User" CASCADE announces "*", so every instance forgets the stamps it cached', async () => {
    await expectEveryoneBumped(`TRUNCATE "User" CASCADE`);
    expect(await db.sql.query(`SELECT 1 FROM "User"`)).toEqual([]);
  });

  it("TRUNCATE of several tables in one statement announces once and commits with the truncation", async () => {
    payloads = [];
    await db.sql.exec(`BEGIN; TRUNCATE "UserRole", "RolePermission"; ROLLBACK;`);
    expect((await stampsOf(db.sql, [member]))[0]).not.toBeNaN();
    expect(await db.sql.query(`SELECT 1 FROM "UserRole" WHERE "userId" = $1`, [member])).toHaveLength(1);
    await expectEveryoneBumped(`TRUNCATE "UserRole", "RolePermission"`);
    expect(payloads.filter((p) => p !== "*")).toEqual([]);
  });

  it("TRUNCATE ... CASCADE fires the AFTER TRUNCATE triggers of every table it empties", async () => {
    // The database's own behaviour, checked on this engine: log which tables' triggers fire.
    await db.sql.exec(`
      CREATE TABLE truncated_tables (name text);
      CREATE FUNCTION log_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN INSERT INTO truncated_tables VALUES (TG_TABLE_NAME); RETURN NULL; END $$;
      ${CLAIM_TABLES.map(
        (t) =>
          `CREATE TRIGGER "zz_log_${t}" AFTER TRUNCATE ON "${t}" FOR EACH STATEMENT EXECUTE FUNCTION log_truncate();`,
      ).join("\n")}`);
    try {
      const fired = async (statement: string) => {
        await db.sql.exec(`DELETE FROM truncated_tables; ${statement}`);
        return (await db.sql.query<{ name: string }>(`SELECT name FROM truncated_tables ORDER BY name`)).map(
          (r) => r.name,
        );
      };
      expect(await fired(`TRUNCATE "Role" CASCADE`)).toEqual([
        "Membership",
        "Role",
        "RolePermission",
        "UserRole",
      ]);
      expect(await fired(`TRUNCATE "User" CASCADE`)).toEqual(["Membership", "Session", "User", "UserRole"]);
      expect(await fired(`TRUNCATE "Organization" CASCADE`)).toEqual(["Membership", "Organization"]);
      // And ours are among them.
      const ours = await db.sql.query<{ tgname: string }>(
        `SELECT tgname FROM pg_trigger WHERE tgname LIKE '%\\_truncated' ORDER BY tgname`,
      );
      expect(ours.map((r) => r.tgname)).toEqual(CLAIM_TABLES.map((t) => `${t}_truncated`).sort());
    } finally {
      await db.sql.exec(
        CLAIM_TABLES.map((t) => `DROP TRIGGER "zz_log_${t}" ON "${t}";`).join("\n") +
          `DROP TABLE truncated_tables; DROP FUNCTION log_truncate();`,
      );
    }
  });
});
