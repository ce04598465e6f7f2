// Rights over people: a user manager (users.read + users.manage only) may
// change the access of users whose permissions they all hold, and of nobody
// else. Every user action is called directly, as a forged form post would,
// and a refusal writes nothing.
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import * as userActions from "@/app/(app)/admin/users/actions";
import { inputSchemaOf } from "@/lib/actions/protected-action";
import { type ActionState, IDLE } from "@/lib/actions/state";
import { authorityRefusal } from "@/lib/admin/authority";
import { DEMO_USERS } from "@/lib/db/demo-data";
import { seedDemoData } from "@/lib/db/seed";
import { PERMISSIONS } from "@/lib/permissions/catalogue";
import { setAppDatabase } from "../support/app-database";
import { formData, harness, signInAs } from "../support/session-harness";
import {
  createSessionOf,
  createUserWithRoles,
  idOfRole,
  idOfUser,
  snapshotTables,
  permissionsUpdatedAtOfUser,
  roleVersion,
} from "../support/admin";
import { createMigratedDatabase, describeOnBackends, type TestDatabase } from "../support/databases";
import { type SampleFixture, sampleOf } from "../support/samples";

vi.mock("@/lib/auth/session", async (importOriginal) =>
  (await import("../support/session-harness")).sessionMock(importOriginal),
);
vi.mock("next/cache", async () => (await import("../support/session-harness")).nextCacheMock);

type Action = (previous: ActionState, data: FormData) => Promise<ActionState>;
type Fields = Record<string, string | number>;
type Ids = { target: string; adminRole: string; viewerRole: string; editorRole: string };

const action = (name: string) => (userActions as Record<string, Action>)[name]!;

/** Every action on an existing user: every user action but creating one. */
const ON_A_USER = Object.keys(userActions).filter((name) => name !== "createUser");

/** The action's own sample input (test/support/samples.ts), aimed at `ids.target`. */
async function formFor(name: string, db: TestDatabase, ids: Ids): Promise<Fields> {
  const sample = sampleOf(inputSchemaOf(action(name))!);
  if (!sample) throw new Error(`${name} has no sample input`);
  const fixture: SampleFixture = {
    target: ids.target,
    viewerRole: ids.viewerRole,
    editorRole: ids.editorRole,
    spareRole: ids.adminRole,
    doomedRole: ids.viewerRole,
    organization: "", // user actions name no organization
    otherOrganization: "",
    invitation: "",
    future: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    permissionsUpdatedAtOf: (userId) => permissionsUpdatedAtOfUser(db, userId),
    versionOf: (roleId) => roleVersion(db, roleId),
    sessionOf: (userId) => createSessionOf(db, userId),
  };
  return sample(fixture);
}

await describeOnBackends("rights over people", (backend) => {
  let db: TestDatabase;
  let ids: Ids;
  let adminId: string;

  beforeAll(async () => {
    db = await createMigratedDatabase(backend);
    setAppDatabase(db);
    await seedDemoData(db.prisma);
    await db.prisma.role.create({
      data: {
        name: "User managers",
        permissions: { create: [{ permission: "users.read" }, { permission: "users.manage" }] },
      },
    });
    await createUserWithRoles(db, "manager@example.test", ["User managers"]);
    await createUserWithRoles(db, "peer@example.test", ["User managers"]);
    adminId = await idOfUser(db, "admin@example.com");
    ids = {
      target: adminId,
      adminRole: await idOfRole(db, "Admin"),
      viewerRole: await idOfRole(db, "Viewer"),
      editorRole: await idOfRole(db, "Editor"),
    };
  });
  afterAll(async () => {
    setAppDatabase(null);
    harness.user = null;
    await db?.dispose();
  });

  async function expectRefusedWithoutWrite(name: string, fields: Fields, message: RegExp | string) {
    await signInAs("manager@example.test");
    const before = await snapshotTables(db.sql);
    const result = await action(name)(IDLE, formData(fields));
    expect(result.status, `${name}: ${result.message}`).toBe("error");
    if (typeof message === "string") expect(result.message, name).toBe(message);
    else expect(result.message, name).toMatch(message);
    expect(result.fieldErrors, `${name} was refused for its input`).toBeUndefined();
    expect(await snapshotTables(db.sql), `${name} wrote something`).toEqual(before);
  }

  // The admin holds the whole catalogue (the seed); the manager only users.read and users.manage.
  const admin = DEMO_USERS.find((u) => u.role === "Admin")!;
  const OUTRANKED = authorityRefusal(
    admin.name,
    PERMISSIONS.filter((p) => p !== "users.read" && p !== "users.manage"),
  );

  it("the user actions are found in the code, each with its sample input", async () => {
    expect(ON_A_USER.length).toBeGreaterThanOrEqual(5);
    for (const name of ON_A_USER) expect((await formFor(name, db, ids)).userId, name).toBe(adminId);
  });

  it("a user manager cannot touch an admin: every action is refused and nothing is written", async () => {
    for (const name of ON_A_USER) {
      await expectRefusedWithoutWrite(name, await formFor(name, db, ids), OUTRANKED);
    }
  });

  it("nor enable a disabled admin (enabling gives their permissions back)", async () => {
    const other = await createUserWithRoles(db, `other-admin-${backend}@example.test`, ["Admin"]);
    await db.sql.query(`UPDATE "User" SET "disabledAt" = now() WHERE id = $1`, [other]);
    const permissionsUpdatedAt = await permissionsUpdatedAtOfUser(db, other);
    await expectRefusedWithoutWrite(
      "setUserDisabled",
      { userId: other, permissionsUpdatedAt, disabled: "false" },
      /holds .*roles\.manage.*which you do not hold/,
    );
  });

  it("nor an organization's admin: a permission held through a membership anywhere counts", async () => {
    const orgAdminRole = await db.prisma.role.create({
      data: { name: `Org admins ${backend}`, permissions: { create: [{ permission: "members.manage" }] } },
    });
    const orgAdmin = await createUserWithRoles(db, `org-admin-${backend}@example.test`, ["Viewer"]);
    const acme = await db.prisma.organization.findUniqueOrThrow({ where: { slug: "acme" } });
    await db.prisma.membership.create({
      data: { userId: orgAdmin, organizationId: acme.id, roleId: orgAdminRole.id },
    });
    for (const name of ON_A_USER) {
      const fields = { ...(await formFor(name, db, ids)), userId: orgAdmin };
      if ("permissionsUpdatedAt" in fields)
        fields.permissionsUpdatedAt = await permissionsUpdatedAtOfUser(db, orgAdmin);
      if ("sessionId" in fields) fields.sessionId = await createSessionOf(db, orgAdmin);
      await expectRefusedWithoutWrite(name, fields, /holds members\.manage, which you do not hold/);
    }
  });

  it("the permissions that count are the ones in the database at the moment of the change", async () => {
    // Rendered while the target was a viewer; promoted in SQL before the manager clicks.
    const target = await createUserWithRoles(db, `promoted-${backend}@example.test`, ["Viewer"]);
    await db.sql.query(`INSERT INTO "UserRole" ("userId", "roleId") VALUES ($1, $2)`, [
      target,
      ids.adminRole,
    ]);
    await expectRefusedWithoutWrite("signOutUserEverywhere", { userId: target }, /which you do not hold/);
    // An expired grant gives nothing, so it does not count.
    await db.sql.query(
      `UPDATE "UserRole" SET "expiresAt" = now() - interval '1 minute' WHERE "userId" = $1 AND "roleId" = $2`,
      [target, ids.adminRole],
    );
    await signInAs("manager@example.test");
    expect((await action("signOutUserEverywhere")(IDLE, formData({ userId: target }))).status).toBe(
      "success",
    );
  });

  it("a user manager may change a viewer, and a peer holding the same permissions", async () => {
    for (const email of [`viewer-${backend}@example.test`, "peer@example.test"]) {
      const target =
        email === "peer@example.test"
          ? await idOfUser(db, email)
          : await createUserWithRoles(db, email, ["Viewer"]);
      await signInAs("manager@example.test");
      for (const disabled of ["true", "false"]) {
        const result = await action("setUserDisabled")(
          IDLE,
          formData({
            userId: target,
            permissionsUpdatedAt: await permissionsUpdatedAtOfUser(db, target),
            disabled,
          }),
        );
        expect(result.status, `${email} disabled=${disabled}: ${result.message}`).toBe("success");
      }
      const signedOut = await action("signOutUserEverywhere")(IDLE, formData({ userId: target }));
      expect(signedOut.status).toBe("success");
    }
  });

  it("anyone may still sign themselves out everywhere", async () => {
    const me = await signInAs("manager@example.test");
    const result = await action("signOutUserEverywhere")(IDLE, formData({ userId: me!.id })).catch(
      (error: unknown) => String((error as { digest?: string }).digest),
    );
    // Signing oneself out redirects to the sign-in page once done.
    expect(String(result)).toMatch(/^NEXT_REDIRECT/);
  });
});
