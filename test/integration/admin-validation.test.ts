// Bad input to the admin actions, sent as the admin: each gets an error on
// the field it concerns, and nothing is written.
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { type ActionState, IDLE } from "@/lib/actions/state";
import { seedDemoData } from "@/lib/db/seed";
import * as roleActions from "@/app/(app)/admin/roles/actions";
import * as userActions from "@/app/(app)/admin/users/actions";
import { setAppDatabase } from "../support/app-database";
import { formData, signInAs } from "../support/session-harness";
import {
  createUserWithRoles,
  idOfRole,
  roleVersion,
  snapshotTables,
  permissionsUpdatedAtOfUser,
} from "../support/admin";
import { createMigratedDatabase, describeOnBackends, type TestDatabase } from "../support/databases";

vi.mock("@/lib/auth/session", async (importOriginal) =>
  (await import("../support/session-harness")).sessionMock(importOriginal),
);
vi.mock("next/cache", async () => (await import("../support/session-harness")).nextCacheMock);

type Action = (previous: ActionState, data: FormData) => Promise<ActionState>;

await describeOnBackends("admin input validation", (backend) => {
  let db: TestDatabase;
  let target: string, editorRole: string;

  beforeAll(async () => {
    db = await createMigratedDatabase(backend);
    setAppDatabase(db);
    await seedDemoData(db.prisma);
    target = await createUserWithRoles(db, "target@example.test", ["Viewer"]);
    editorRole = await idOfRole(db, "Editor");
    await signInAs("admin@example.com");
  });
  afterAll(async () => {
    setAppDatabase(null);
    await db?.dispose();
  });

  /** Sends `fields`, expects an error on each of `fieldsInError` (and a message), and no write. */
  async function expectFieldErrors(
    action: Action,
    fields: Record<string, string | number>,
    fieldsInError: string[],
  ) {
    const before = await snapshotTables(db.sql);
    const result = await action(IDLE, formData(fields));
    expect(result.status).toBe("error");
    expect(result.message).toBeTruthy();
    expect(Object.keys(result.fieldErrors ?? {}).sort()).toEqual([...fieldsInError].sort());
    for (const field of fieldsInError) expect(result.fieldErrors?.[field]?.[0]).toMatch(/\w/);
    expect(await snapshotTables(db.sql)).toEqual(before);
  }

  it("create user: email, name and password are checked; taken emails and unknown roles are refused", async () => {
    await expectFieldErrors(userActions.createUser, { email: "not-an-email", name: " ", password: "short" }, [
      "email",
      "name",
      "password",
    ]);
    await expectFieldErrors(
      userActions.createUser,
      { email: "ADMIN@example.com", name: "Again", password: "long-enough" },
      ["email"],
    );
    await expectFieldErrors(
      userActions.createUser,
      { email: "new@example.test", name: "New", password: "long-enough", roleId: "no-such-role" },
      ["roleId"],
    );
  });

  it("grant: a date in the past, a missing permission stamp, and ids that do not exist", async () => {
    const permissionsUpdatedAt = await permissionsUpdatedAtOfUser(db, target);
    const grant = { userId: target, roleId: editorRole, permissionsUpdatedAt };
    await expectFieldErrors(userActions.grantRole, { ...grant, expiresAt: "2020-01-01T00:00:00.000Z" }, [
      "expiresAt",
    ]);
    await expectFieldErrors(userActions.grantRole, { ...grant, expiresAt: "next tuesday" }, ["expiresAt"]);
    await expectFieldErrors(userActions.grantRole, { userId: target, roleId: editorRole }, [
      "permissionsUpdatedAt",
    ]);
    await expectFieldErrors(userActions.grantRole, { ...grant, userId: "no-such-user" }, ["userId"]);
    await expectFieldErrors(userActions.grantRole, { ...grant, roleId: "no-such-role" }, ["roleId"]);
    await expectFieldErrors(userActions.revokeRole, { ...grant, roleId: editorRole }, ["roleId"]);
  });

  it("roles: empty and duplicate names (in any case), unknown permissions and roles", async () => {
    await expectFieldErrors(roleActions.createRole, { name: "   ", description: "" }, ["name"]);
    await expectFieldErrors(roleActions.createRole, { name: "editor", description: "" }, ["name"]);
    await expectFieldErrors(roleActions.createRole, { name: "<script>", description: "" }, ["name"]);
    const viewerRole = await idOfRole(db, "Viewer");
    await expectFieldErrors(
      roleActions.updateRole,
      { roleId: viewerRole, version: await roleVersion(db, viewerRole), name: "Editor", description: "" },
      ["name"],
    );
    await expectFieldErrors(
      roleActions.setRolePermission,
      { roleId: viewerRole, permission: "reports.delete", state: "grant" },
      ["permission"],
    );
    await expectFieldErrors(
      roleActions.setRolePermission,
      { roleId: "no-such-role", permission: "reports.read", state: "grant" },
      ["roleId"],
    );
    await expectFieldErrors(roleActions.deleteRole, { roleId: "no-such-role", version: 1, members: 0 }, [
      "roleId",
    ]);
  });

  it("the Admin role keeps its name", async () => {
    const adminRole = await idOfRole(db, "Admin");
    await expectFieldErrors(
      roleActions.updateRole,
      { roleId: adminRole, version: await roleVersion(db, adminRole), name: "Root", description: "" },
      ["name"],
    );
  });
});
