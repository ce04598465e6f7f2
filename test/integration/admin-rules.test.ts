import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { ActionError } from "@/lib/actions/state";
import { deleteRole, setRolePermission } from "@/lib/admin/role-changes";
import { setUserDisabled } from "@/lib/admin/user-access";
import { changeGrantExpiry, grantUserRole, revokeUserRole } from "@/lib/admin/user-grants";
import type { Actor } from "@/lib/auth/guards";
import { seedDemoData } from "@/lib/db/seed";
import { createMigratedDatabase, describeOnBackends, type TestDatabase } from "../support/databases";
import {
  actorFor,
  createUserWithRoles,
  idOfRole,
  idOfUser,
  overlapping,
  roleVersion,
  snapshotTables,
  permissionsUpdatedAtOfUser,
  withOperator,
} from "../support/admin";

/** Expects `attempt` to be refused with a message matching `message`, and to have written nothing. */
async function expectRefused(db: TestDatabase, attempt: () => Promise<unknown>, message: RegExp) {
  const before = await snapshotTables(db.sql);
  const error = await attempt().then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ActionError);
  expect((error as ActionError).message).toMatch(message);
  expect(await snapshotTables(db.sql)).toEqual(before);
}

await describeOnBackends("admin rules", (backend) => {
  let db: TestDatabase;
  let admin: Actor, manager: Actor;
  let adminId: string, adminRole: string, managersRole: string;

  beforeAll(async () => {
    db = await createMigratedDatabase(backend);
    await seedDemoData(db.prisma);
    // A user manager: may change users, holds neither roles.manage nor the Admin role.
    managersRole = (
      await db.prisma.role.create({
        data: {
          name: "User managers",
          permissions: { create: [{ permission: "users.read" }, { permission: "users.manage" }] },
        },
      })
    ).id;
    await createUserWithRoles(db, "manager@example.test", ["User managers"]);
    adminId = await idOfUser(db, "admin@example.com");
    adminRole = await idOfRole(db, "Admin");
  });
  afterAll(() => db?.dispose());

  beforeEach(async () => {
    admin = await actorFor(db, "admin@example.com");
    manager = await actorFor(db, "manager@example.test");
  });

  it("nobody changes their own roles or access", async () => {
    const permissionsUpdatedAt = await permissionsUpdatedAtOfUser(db, adminId);
    const own = [
      () => revokeUserRole(db.prisma, admin, { userId: adminId, roleId: adminRole, permissionsUpdatedAt }),
      () =>
        grantUserRole(db.prisma, admin, {
          userId: adminId,
          roleId: managersRole,
          permissionsUpdatedAt,
          expiresAt: null,
        }),
      () =>
        changeGrantExpiry(db.prisma, admin, {
          userId: adminId,
          roleId: adminRole,
          permissionsUpdatedAt,
          expiresAt: null,
        }),
      () => setUserDisabled(db.prisma, admin, { userId: adminId, permissionsUpdatedAt, disabled: true }),
    ];
    for (const attempt of own) await expectRefused(db, attempt, /cannot change your own/);
  });

  it("the last admin cannot lose the Admin role, be disabled, or get an end date; the audit entry rolls back too", async () => {
    const permissionsUpdatedAt = await permissionsUpdatedAtOfUser(db, adminId);
    // Only someone holding all of the admin's permissions may try; they are
    // not an Admin themselves, so the Admin role's last member is at stake.
    await withOperator(db, async (operator) => {
      const tomorrow = new Date(Date.now() + 86_400_000);
      const last = [
        () =>
          revokeUserRole(db.prisma, operator, { userId: adminId, roleId: adminRole, permissionsUpdatedAt }),
        () => setUserDisabled(db.prisma, operator, { userId: adminId, permissionsUpdatedAt, disabled: true }),
        () =>
          changeGrantExpiry(db.prisma, operator, {
            userId: adminId,
            roleId: adminRole,
            permissionsUpdatedAt,
            expiresAt: tomorrow,
          }),
      ];
      for (const attempt of last)
        await expectRefused(db, attempt, /nobody would be left with the Admin role/);
    });
  });

  it("the last role carrying roles.manage cannot lose it or be deleted", async () => {
    await expectRefused(
      db,
      () =>
        setRolePermission(db.prisma, admin, {
          roleId: adminRole,
          permission: "roles.manage",
          state: "revoke",
        }),
      /roles\.manage/,
    );
    // Move roles.manage to a role of its own: Admin may then drop it, but that role may not go.
    const keys = await db.prisma.role.create({
      data: { name: "Keyholders", permissions: { create: [{ permission: "roles.manage" }] } },
    });
    await db.prisma.userRole.create({ data: { userId: adminId, roleId: keys.id } });
    const dropped = await setRolePermission(db.prisma, admin, {
      roleId: adminRole,
      permission: "roles.manage",
      state: "revoke",
    });
    expect(dropped.status).toBe("success");
    await expectRefused(
      db,
      async () =>
        deleteRole(db.prisma, admin, {
          roleId: keys.id,
          version: await roleVersion(db, keys.id),
          members: 1,
        }),
      /roles\.manage/,
    );
    // Restore: Admin carries roles.manage again, and Keyholders may now go.
    await setRolePermission(db.prisma, admin, {
      roleId: adminRole,
      permission: "roles.manage",
      state: "grant",
    });
    const deleted = await deleteRole(db.prisma, admin, {
      roleId: keys.id,
      version: await roleVersion(db, keys.id),
      members: 1,
    });
    expect(deleted.status).toBe("success");
  });

  it("a second admin makes the change allowed, and it is audited with before and after", async () => {
    const second = await createUserWithRoles(db, `second-${backend}@example.test`, ["Admin"]);
    const result = await revokeUserRole(db.prisma, admin, {
      userId: second,
      roleId: adminRole,
      permissionsUpdatedAt: await permissionsUpdatedAtOfUser(db, second),
    });
    expect(result).toEqual({ status: "success", message: expect.stringContaining("Admin removed") });
    const entry = await db.prisma.auditEvent.findFirstOrThrow({ orderBy: { id: "desc" } });
    expect(entry).toMatchObject({
      action: "user.role.revoked",
      actorId: admin.id,
      userId: second,
      roleId: adminRole,
      before: { roles: ["Admin"] },
      after: { roles: [] },
    });
  });

  it("roles carrying permissions the actor lacks cannot be handed out", async () => {
    const viewerId = await idOfUser(db, "viewer@example.com");
    await expectRefused(
      db,
      async () =>
        grantUserRole(db.prisma, manager, {
          userId: viewerId,
          roleId: adminRole,
          permissionsUpdatedAt: await permissionsUpdatedAtOfUser(db, viewerId),
          expiresAt: null,
        }),
      /which you do not hold/,
    );
  });

  // PGlite is a single session: two transactions cannot overlap there, so this case exists on PostgreSQL only.
  if (backend === "postgres")
    it("two admins removing the last two admins at the same time: exactly one succeeds", async () => {
      const [a, b] = [
        await createUserWithRoles(db, "race-a@example.test", ["Admin"]),
        await createUserWithRoles(db, "race-b@example.test", ["Admin"]),
      ];
      // Only a and b hold the Admin role now; the demo admin steps aside, an operator acts.
      await db.prisma.userRole.delete({ where: { userId_roleId: { userId: adminId, roleId: adminRole } } });
      try {
        const stamps = [await permissionsUpdatedAtOfUser(db, a), await permissionsUpdatedAtOfUser(db, b)];
        const results = await withOperator(db, (operator) =>
          overlapping(
            db,
            [a, b].map(
              (userId, i) => () =>
                revokeUserRole(db.prisma, operator, {
                  userId,
                  roleId: adminRole,
                  permissionsUpdatedAt: stamps[i]!,
                }),
            ),
          ),
        );
        const won = results.filter((r) => r.status === "fulfilled");
        const lost = results.filter((r) => r.status === "rejected");
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(1);
        expect(String((lost[0] as PromiseRejectedResult).reason)).toMatch(/nobody would be left/);
        expect(await db.prisma.userRole.count({ where: { roleId: adminRole, userId: { in: [a, b] } } })).toBe(
          1,
        );
        expect(
          await db.prisma.auditEvent.count({
            where: { action: "user.role.revoked", userId: { in: [a, b] } },
          }),
        ).toBe(1);
      } finally {
        await db.prisma.userRole.create({ data: { userId: adminId, roleId: adminRole } });
      }
    });
});
