import { afterAll, beforeAll, expect, it } from "vitest";
import { listAuditEvents } from "@/lib/admin/audit";
import { seedBulkUsers } from "@/lib/admin/bulk-users";
import { setRolePermission } from "@/lib/admin/role-changes";
import { getUserDetail } from "@/lib/admin/user-detail";
import { grantUserRole } from "@/lib/admin/user-grants";
import { listUsers } from "@/lib/admin/users";
import { seedDemoData } from "@/lib/db/seed";
import { setAppDatabase } from "../support/app-database";
import {
  actorFor,
  createUserWithRoles,
  idOfRole,
  snapshotTables,
  permissionsUpdatedAtOfUser,
} from "../support/admin";
import { createMigratedDatabase, describeOnBackends, type TestDatabase } from "../support/databases";

await describeOnBackends("admin queries", (backend) => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createMigratedDatabase(backend);
    setAppDatabase(db); // the queries read the app's database themselves: here, the test's
    await seedDemoData(db.prisma);
  });
  afterAll(async () => {
    setAppDatabase(null);
    await db?.dispose();
  });

  it("bulk users: set-based, idempotent, every tenth an Editor", async () => {
    expect(await seedBulkUsers(db.sql, 300)).toEqual({ users: 300, grants: 300 });
    const before = await snapshotTables(db.sql);
    expect(await seedBulkUsers(db.sql, 300)).toEqual({ users: 0, grants: 0 });
    expect(await snapshotTables(db.sql)).toEqual(before);
    const editors = await db.prisma.userRole.count({
      where: { role: { name: "Editor" }, userId: { startsWith: "bulk_" } },
    });
    expect(editors).toBe(30);
  });

  it("pages through every user by email, forwards and back, with no gaps or repeats", async () => {
    const all = (await db.prisma.user.findMany({ orderBy: { email: "asc" }, select: { email: true } })).map(
      (u) => u.email,
    );
    const forwards: string[] = [];
    let page = await listUsers({}, { pageSize: 40 });
    expect(page.before).toBeNull();
    forwards.push(...page.rows.map((r) => r.email));
    while (page.after) {
      page = await listUsers({ after: page.after }, { pageSize: 40 });
      forwards.push(...page.rows.map((r) => r.email));
    }
    expect(forwards).toEqual(all);
    expect(page.total).toBe(all.length);

    const backwards: string[] = [];
    while (page.before) {
      page = await listUsers({ before: page.before }, { pageSize: 40 });
      backwards.unshift(...page.rows.map((r) => r.email));
    }
    expect(backwards).toEqual(all.slice(0, backwards.length));
    expect(page.before).toBeNull();
    expect(page.rows[0]?.email).toBe(all[0]);
  });

  it("searches email and name case-insensitively and literally, and filters by role", async () => {
    await createUserWithRoles(db, "under_score@example.test", ["Viewer"]);
    await createUserWithRoles(db, "underxscore@example.test", ["Viewer"]);
    const literal = await listUsers({ q: "UNDER_" });
    expect(literal.rows.map((r) => r.email)).toEqual(["under_score@example.test"]);
    const byName = await listUsers({ q: "eddie" });
    expect(byName.rows.map((r) => r.email)).toEqual(["editor@example.com"]);
    const editorRole = await idOfRole(db, "Editor");
    // Whatever other tests added: the total is the number of Editors in the database now.
    const holding = await db.prisma.userRole.count({ where: { roleId: editorRole } });
    expect(holding).toBeGreaterThan(0);
    const editors = await listUsers({ role: editorRole }, { pageSize: 100 });
    expect(editors.total).toBe(holding);
    expect(editors.rows.every((r) => r.roles.some((g) => g.name === "Editor"))).toBe(true);
  });

  it("user detail: effective permissions name the grants they come from, expired grants count for nothing", async () => {
    const admin = await actorFor(db, "admin@example.com");
    const userId = await createUserWithRoles(db, `detail-${backend}@example.test`, ["Editor"]);
    const soon = new Date(Date.now() + 3_600_000);
    const auditors = await db.prisma.role.create({
      data: {
        name: "Auditors",
        permissions: { create: [{ permission: "audit.read" }, { permission: "reports.read" }] },
      },
    });
    await grantUserRole(db.prisma, admin, {
      userId,
      roleId: auditors.id,
      permissionsUpdatedAt: await permissionsUpdatedAtOfUser(db, userId),
      expiresAt: soon,
    });
    const detail = await getUserDetail(userId);
    expect(detail).not.toHaveProperty("passwordHash");
    expect(detail?.permissionsUpdatedAt).toBe(await permissionsUpdatedAtOfUser(db, userId));
    const via = Object.fromEntries(
      detail!.effective.map((e) => [e.permission, e.via.map((v) => v.roleName)]),
    );
    expect(via).toEqual({
      "reports.read": ["Auditors", "Editor"],
      "reports.export": ["Editor"],
      "audit.read": ["Auditors"],
    });
    expect(detail!.effective.find((e) => e.permission === "audit.read")?.via[0]?.expiresAt).toEqual(soon);
    // An hour later the Auditors grant has ended: still listed, marked expired, no longer effective.
    const later = await getUserDetail(userId, new Date(soon.getTime() + 1));
    expect(later!.grants.find((g) => g.roleName === "Auditors")?.expired).toBe(true);
    expect(later!.effective.map((e) => e.permission)).toEqual(["reports.read", "reports.export"]);
  });

  it("audit log: newest first, paged both ways, filtered by user, role and actor", async () => {
    const admin = await actorFor(db, "admin@example.com");
    const role = await db.prisma.role.create({ data: { name: `Paged ${backend}` } });
    for (const permission of ["reports.read", "reports.export", "users.read", "audit.read"] as const) {
      await setRolePermission(db.prisma, admin, { roleId: role.id, permission, state: "grant" });
      await setRolePermission(db.prisma, admin, { roleId: role.id, permission, state: "revoke" });
    }
    const all = await db.prisma.auditEvent.findMany({ where: { roleId: role.id }, orderBy: { id: "desc" } });
    expect(all).toHaveLength(8);
    const first = await listAuditEvents({ role: role.id }, 3);
    expect(first.filters).toEqual([{ param: "role", id: role.id, label: role.name }]);
    expect(first.rows.map((r) => r.id)).toEqual(all.slice(0, 3).map((e) => String(e.id)));
    expect(first.rows[0]?.changes[0]).toEqual({ field: "permissions", before: "audit.read", after: "none" });
    const second = await listAuditEvents({ role: role.id, after: first.after! }, 3);
    expect(second.rows.map((r) => r.id)).toEqual(all.slice(3, 6).map((e) => String(e.id)));
    const back = await listAuditEvents({ role: role.id, before: second.before! }, 3);
    expect(back.rows.map((r) => r.id)).toEqual(first.rows.map((r) => r.id));
    expect(back.before).toBeNull();

    const byActor = await listAuditEvents({ actor: "ADMIN@example.com" }, 100);
    expect(byActor.filters[0]).toMatchObject({ param: "actor", id: admin.id, label: "admin@example.com" });
    expect(byActor.rows.every((r) => r.actorId === admin.id)).toBe(true);
    const nobody = await listAuditEvents({ user: "nobody@example.test" });
    expect(nobody.rows).toEqual([]);
    expect(nobody.filters[0]?.label).toMatch(/no such user/);
  });
});
