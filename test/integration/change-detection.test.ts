import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { CHANGES_CHANNEL, parseChangePayload } from "@/lib/db/change-channel";
import type { ListenHandle } from "@/lib/db/open";
import { createMigratedDatabase, describeOnBackends, type TestDatabase } from "../support/databases";
import { createRole, createUser, grant, stampsOf } from "../support/fixtures";

await describeOnBackends("change detection triggers", (backend) => {
  let db: TestDatabase;
  let listening: ListenHandle;
  let payloads: string[] = [];
  const barriers = new Map<string, () => void>();
  // Each test: a member of the role, a member of another role, and a bystander.
  let member: string, other: string, bystander: string, role: string, otherRole: string;

  beforeAll(async () => {
    db = await createMigratedDatabase(backend);
    listening = await db.listen(
      CHANGES_CHANNEL,
      (p) => {
        if (barriers.has(p)) barriers.get(p)!();
        else payloads.push(p);
      },
      () => {},
    );
  });
  afterAll(async () => {
    await listening?.close();
    await db?.dispose();
  });

  beforeEach(async () => {
    role = await createRole(db.sql, ["reports.read"]);
    otherRole = await createRole(db.sql, ["audit.read"]);
    [member, other, bystander] = [
      await createUser(db.sql),
      await createUser(db.sql),
      await createUser(db.sql),
    ];
    await grant(db.sql, member, role);
    await grant(db.sql, other, otherRole);
    await settle();
    payloads = [];
  });

  /**
   * Waits until every notification committed so far has arrived: notifications
   * come in commit order, so once a marker sent now is back, all earlier ones are.
   */
  async function settle(): Promise<void> {
    const marker = `barrier:${randomUUID()}`;
    const back = new Promise<void>((resolve) => barriers.set(marker, resolve));
    await db.sql.query("SELECT pg_notify($1, $2)", [CHANGES_CHANNEL, marker]);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error("notifications did not arrive within 10 s")), 10_000);
    });
    await Promise.race([back, late]).finally(() => {
      clearTimeout(timer);
      barriers.delete(marker);
    });
  }

  /**
   * `write` bumps exactly `bumped`, and announces them by id ("u:<ids>"), not
   * with a broadcast "*" (which would also pass a cache test, but wakes every
   * stream of the instance); with `broadcast`, the one announcement is "*".
   */
  async function expectBumped(
    write: () => Promise<unknown>,
    bumped: string[],
    untouched: string[],
    { broadcast = false } = {},
  ) {
    const everyone = [...bumped, ...untouched];
    await settle();
    payloads = [];
    const before = await stampsOf(db.sql, everyone);
    await write();
    const after = await stampsOf(db.sql, everyone);
    everyone.forEach((id, i) => {
      if (bumped.includes(id)) expect(after[i], `${id} should be bumped`).toBeGreaterThan(before[i]!);
      else expect(after[i], `${id} should keep its stamp`).toBe(before[i]);
    });
    await settle();
    const announced = new Set(
      payloads.flatMap((p) => {
        const { userIds } = parseChangePayload(p);
        return userIds ?? ["*"];
      }),
    );
    if (broadcast) expect(payloads).toEqual(["*"]);
    else
      expect(announced.has("*"), `a targeted announcement, not a broadcast: ${payloads.join(" | ")}`).toBe(
        false,
      );
    for (const id of bumped) if (!broadcast) expect(announced.has(id), `${id} announced`).toBe(true);
    for (const id of untouched) expect(announced.has(id), `${id} not announced`).toBe(false);
  }

  it("a grant inserted bumps that user only", async () => {
    await expectBumped(() => grant(db.sql, bystander, role), [bystander], [member, other]);
  });

  it("a grant deleted bumps that user only", async () => {
    await expectBumped(
      () => db.sql.query(`DELETE FROM "UserRole" WHERE "userId" = $1 AND "roleId" = $2`, [member, role]),
      [member],
      [other, bystander],
    );
  });

  it("a grant's expiry changed bumps that user; touching only grantedAt bumps nobody", async () => {
    await expectBumped(
      () =>
        db.sql.query(`UPDATE "UserRole" SET "expiresAt" = now() + interval '1 hour' WHERE "userId" = $1`, [
          member,
        ]),
      [member],
      [other, bystander],
    );
    await expectBumped(
      () => db.sql.query(`UPDATE "UserRole" SET "grantedAt" = now() WHERE "userId" = $1`, [member]),
      [],
      [member, other, bystander],
    );
  });

  it("a permission added to or removed from a role bumps every member of that role only", async () => {
    const second = await createUser(db.sql);
    await grant(db.sql, second, role);
    await expectBumped(
      () =>
        db.sql.query(`INSERT INTO "RolePermission" ("roleId", permission) VALUES ($1, 'reports.export')`, [
          role,
        ]),
      [member, second],
      [other, bystander],
    );
    await expectBumped(
      () =>
        db.sql.query(`DELETE FROM "RolePermission" WHERE "roleId" = $1 AND permission = 'reports.read'`, [
          role,
        ]),
      [member, second],
      [other, bystander],
    );
  });

  it("a role deleted bumps its members only", async () => {
    await expectBumped(
      () => db.sql.query(`DELETE FROM "Role" WHERE id = $1`, [role]),
      [member],
      [other, bystander],
    );
  });

  it("a role renamed bumps its members (role names on screen are looked up by stamp)", async () => {
    await expectBumped(
      () => db.sql.query(`UPDATE "Role" SET name = name || '_renamed' WHERE id = $1`, [role]),
      [member],
      [other, bystander],
    );
    await expectBumped(
      () => db.sql.query(`UPDATE "Role" SET description = 'no effect on claims' WHERE id = $1`, [role]),
      [],
      [member, other, bystander],
    );
  });

  it("disabling a user, signing them out everywhere or renaming them (the name is in the claims) bumps that user only", async () => {
    await expectBumped(
      () => db.sql.query(`UPDATE "User" SET "disabledAt" = now() WHERE id = $1`, [bystander]),
      [bystander],
      [member, other],
    );
    await expectBumped(
      () => db.sql.query(`UPDATE "User" SET "sessionsRevokedAt" = now() WHERE id = $1`, [member]),
      [member],
      [other, bystander],
    );
    await expectBumped(
      () => db.sql.query(`UPDATE "User" SET name = 'renamed' WHERE id = $1`, [other]),
      [other],
      [member, bystander],
    );
    // Writing the same name again is no change.
    await expectBumped(
      () => db.sql.query(`UPDATE "User" SET name = 'renamed' WHERE id = $1`, [other]),
      [],
      [member, other, bystander],
    );
  });

  it("a user deleted is announced so caches forget them", async () => {
    await db.sql.query(`DELETE FROM "User" WHERE id = $1`, [bystander]);
    await settle();
    const targeted = payloads.map(parseChangePayload).flatMap((c) => c.userIds ?? ["*"]);
    expect(targeted).toContain(bystander);
    expect(targeted).not.toContain("*");
  });

  it("stamps strictly increase, even for many changes within one millisecond", async () => {
    const seen: number[] = [];
    for (let i = 0; i < 30; i++) {
      // Toggling disabledAt is a real change every time, however fast.
      await db.sql.query(
        `UPDATE "User" SET "disabledAt" = CASE WHEN "disabledAt" IS NULL THEN now() END WHERE id = $1`,
        [member],
      );
      seen.push((await stampsOf(db.sql, [member]))[0]!);
    }
    for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThan(seen[i - 1]!);
    // Several bumps inside one transaction, the same instant by the clock.
    const [before] = await stampsOf(db.sql, [member]);
    await db.sql.exec(`BEGIN;
      INSERT INTO "RolePermission" ("roleId", permission) VALUES ('${role}', 'users.read');
      INSERT INTO "RolePermission" ("roleId", permission) VALUES ('${role}', 'users.manage');
      INSERT INTO "RolePermission" ("roleId", permission) VALUES ('${role}', 'roles.manage');
      COMMIT;`);
    const [after] = await stampsOf(db.sql, [member]);
    expect(after! - before!).toBeGreaterThanOrEqual(3);
  });

  it("a role touching many users commits in one statement and announces '*', not thousands of ids", async () => {
    const users: string[] = [];
    const ids = Array.from({ length: 250 }, (_, i) => `bulk_${role}_${i}`);
    await db.sql.query(
      `INSERT INTO "User" (id, email, name, "passwordHash") SELECT id, id || '@example.test', id, 'x' FROM unnest($1::text[]) AS id`,
      [ids],
    );
    users.push(...ids);
    await db.sql.query(
      `INSERT INTO "UserRole" ("userId", "roleId") SELECT id, $2 FROM unnest($1::text[]) AS id`,
      [ids, role],
    );
    await settle();
    payloads = [];
    await expectBumped(
      () =>
        db.sql.query(`INSERT INTO "RolePermission" ("roleId", permission) VALUES ($1, 'audit.read')`, [role]),
      [member, ...users.slice(0, 5)],
      [other, bystander],
      { broadcast: true },
    );
    for (const p of payloads) expect(Buffer.byteLength(p)).toBeLessThan(8000);
  });
});
