import { afterAll, beforeAll, expect, it } from "vitest";
import { ActionError } from "@/lib/actions/state";
import { setRolePermission, updateRole } from "@/lib/admin/role-changes";
import { STALE_ROLE, STALE_USER } from "@/lib/admin/guards";
import { setUserDisabled } from "@/lib/admin/user-access";
import { grantUserRole, revokeUserRole } from "@/lib/admin/user-grants";
import type { Actor } from "@/lib/auth/guards";
import { seedDemoData } from "@/lib/db/seed";
import { createMigratedDatabase, describeOnBackends, type TestDatabase } from "../support/databases";
import {
  actorFor,
  createUserWithRoles,
  idOfRole,
  overlapping,
  roleVersion,
  snapshotTables,
  permissionsUpdatedAtOfUser,
} from "../support/admin";

const reasons = (results: PromiseSettledResult<unknown>[]) =>
  results.flatMap((r) => (r.status === "rejected" ? [(r.reason as Error).message] : []));

await describeOnBackends("admin edits carry the state they were made from", (backend) => {
  let db: TestDatabase;
  let admin: Actor;
  let editorRole: string, viewerRole: string;

  beforeAll(async () => {
    db = await createMigratedDatabase(backend);
    await seedDemoData(db.prisma);
    admin = await actorFor(db, "admin@example.com");
    editorRole = await idOfRole(db, "Editor");
    viewerRole = await idOfRole(db, "Viewer");
  });
  afterAll(() => db?.dispose());

  it("a user edit made from an older permission stamp is refused and writes nothing", async () => {
    const userId = await createUserWithRoles(db, `stale-${backend}@example.test`, ["Viewer"]);
    const seen = await permissionsUpdatedAtOfUser(db, userId);
    // Someone else changes the user's access in between (any writer moves the stamp).
    await grantUserRole(db.prisma, admin, {
      userId,
      roleId: editorRole,
      permissionsUpdatedAt: seen,
      expiresAt: null,
    });
    const before = await snapshotTables(db.sql);
    await expect(
      revokeUserRole(db.prisma, admin, { userId, roleId: viewerRole, permissionsUpdatedAt: seen }),
    ).rejects.toThrow(STALE_USER);
    await expect(
      setUserDisabled(db.prisma, admin, { userId, permissionsUpdatedAt: seen, disabled: true }),
    ).rejects.toThrow(STALE_USER);
    expect(await snapshotTables(db.sql)).toEqual(before);
  });

  it("two user edits from the same permission stamp: exactly one wins, nothing is half-written", async () => {
    const userId = await createUserWithRoles(db, `race-${backend}@example.test`, []);
    const permissionsUpdatedAt = await permissionsUpdatedAtOfUser(db, userId);
    const results = await overlapping(db, [
      () =>
        grantUserRole(db.prisma, admin, {
          userId,
          roleId: editorRole,
          permissionsUpdatedAt,
          expiresAt: null,
        }),
      () =>
        grantUserRole(db.prisma, admin, {
          userId,
          roleId: viewerRole,
          permissionsUpdatedAt,
          expiresAt: null,
        }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(reasons(results)).toEqual([STALE_USER]);
    expect(await db.prisma.userRole.count({ where: { userId } })).toBe(1);
    expect(await db.prisma.auditEvent.count({ where: { userId } })).toBe(1);
    expect(await permissionsUpdatedAtOfUser(db, userId)).toBeGreaterThan(permissionsUpdatedAt);
  });

  it("two role edits from the same version: exactly one wins, and the role holds its edit whole", async () => {
    const role = await db.prisma.role.create({ data: { name: `Race ${backend}`, description: "start" } });
    const version = await roleVersion(db, role.id);
    const edits = [
      { name: `Race ${backend} A`, description: "from A" },
      { name: `Race ${backend} B`, description: "from B" },
    ];
    const results = await overlapping(
      db,
      edits.map((edit) => () => updateRole(db.prisma, admin, { roleId: role.id, version, ...edit })),
    );
    expect(reasons(results)).toEqual([STALE_ROLE]);
    const winner = edits[results.findIndex((r) => r.status === "fulfilled")]!;
    const saved = await db.prisma.role.findUniqueOrThrow({ where: { id: role.id } });
    expect({ name: saved.name, description: saved.description }).toEqual(winner);
    expect(saved.version).toBe(version + 1);
    expect(await db.prisma.auditEvent.count({ where: { roleId: role.id, action: "role.updated" } })).toBe(1);
  });

  it("a permission change moves the role's version, so a rename from before it is refused", async () => {
    const role = await db.prisma.role.create({ data: { name: `Versioned ${backend}` } });
    const seen = await roleVersion(db, role.id);
    await setRolePermission(db.prisma, admin, { roleId: role.id, permission: "audit.read", state: "grant" });
    const error = await updateRole(db.prisma, admin, {
      roleId: role.id,
      version: seen,
      name: "Renamed",
      description: "",
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ActionError);
    expect((error as Error).message).toBe(STALE_ROLE);
  });

  it("a matrix cell sends the state it wants: repeating it changes nothing and audits once", async () => {
    const role = await db.prisma.role.create({ data: { name: `Cells ${backend}` } });
    const cell = { roleId: role.id, permission: "reports.read" as const, state: "grant" as const };
    const results = await overlapping(db, [
      () => setRolePermission(db.prisma, admin, cell),
      () => setRolePermission(db.prisma, admin, cell),
    ]);
    expect(results.every((r) => r.status === "fulfilled" && r.value.status === "success")).toBe(true);
    expect(await db.prisma.rolePermission.count({ where: { roleId: role.id } })).toBe(1);
    expect(await db.prisma.auditEvent.count({ where: { roleId: role.id } })).toBe(1);
  });
});
