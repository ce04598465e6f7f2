// The last lasting roles.manage holder, through the server actions themselves
// (app/(app)/admin/users/actions.ts, as a form post calls them): someone still
// holds roles.manage, but only until a date, so ending or dating the last grant
// without an end date would leave nobody who can manage roles for good. Only
// that count can refuse here: nobody holds the Admin role, and the actor holds
// every permission (through a grant that ends tomorrow), so neither the
// last-admin rule nor the rights rule stands in the way.
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import * as userActions from "@/app/(app)/admin/users/actions";
import { type ActionState, IDLE } from "@/lib/actions/state";
import { PERMISSIONS } from "@/lib/permissions/catalogue";
import { setAppDatabase } from "../support/app-database";
import { formData, harness, signInAs } from "../support/session-harness";
import { createUserWithRoles, permissionsUpdatedAtOfUser, snapshotTables } from "../support/admin";
import { createMigratedDatabase, describeOnBackends, type TestDatabase } from "../support/databases";

vi.mock("@/lib/auth/session", async (importOriginal) =>
  (await import("../support/session-harness")).sessionMock(importOriginal),
);
vi.mock("next/cache", async () => (await import("../support/session-harness")).nextCacheMock);

type Action = (previous: ActionState, data: FormData) => Promise<ActionState>;

await describeOnBackends("the last lasting roles.manage holder, through the actions", (backend) => {
  let db: TestDatabase;
  let keyholders: string;

  beforeAll(async () => {
    db = await createMigratedDatabase(backend);
    setAppDatabase(db);
    keyholders = (
      await db.prisma.role.create({
        data: { name: "Keyholders", permissions: { create: [{ permission: "roles.manage" }] } },
      })
    ).id;
    const standIns = await db.prisma.role.create({
      data: { name: "Stand-ins", permissions: { create: PERMISSIONS.map((permission) => ({ permission })) } },
    });
    const actor = await createUserWithRoles(db, `stand-in-${backend}@example.test`, []);
    await db.prisma.userRole.create({
      data: { userId: actor, roleId: standIns.id, expiresAt: new Date(Date.now() + 86_400_000) },
    });
  });
  afterAll(async () => {
    setAppDatabase(null);
    harness.user = null;
    await db?.dispose();
  });

  const inAWeek = () => new Date(Date.now() + 7 * 86_400_000).toISOString();

  async function attempt(name: "changeExpiry" | "revokeRole", fields: Record<string, string | number>) {
    await signInAs(`stand-in-${backend}@example.test`);
    return (userActions as Record<string, Action>)[name]!(IDLE, formData(fields));
  }

  it("an end date on the last lasting grant, or its removal, is refused and writes nothing", async () => {
    const keeper = await createUserWithRoles(db, `keeper-${backend}@example.test`, ["Keyholders"]);
    const before = await snapshotTables(db.sql);
    const permissionsUpdatedAt = await permissionsUpdatedAtOfUser(db, keeper);
    const dated = await attempt("changeExpiry", {
      userId: keeper,
      roleId: keyholders,
      permissionsUpdatedAt,
      expiresAt: inAWeek(),
    });
    expect(dated.status, dated.message).toBe("error");
    expect(dated.message).toMatch(/^Refused: nobody would be left who can manage roles \(roles\.manage\)/);
    const removed = await attempt("revokeRole", { userId: keeper, roleId: keyholders, permissionsUpdatedAt });
    expect(removed.status, removed.message).toBe("error");
    expect(removed.message).toMatch(/roles\.manage/);
    expect(await snapshotTables(db.sql)).toEqual(before);

    // With a second lasting holder, the same change goes through.
    await createUserWithRoles(db, `second-keeper-${backend}@example.test`, ["Keyholders"]);
    const allowed = await attempt("changeExpiry", {
      userId: keeper,
      roleId: keyholders,
      permissionsUpdatedAt: await permissionsUpdatedAtOfUser(db, keeper),
      expiresAt: inAWeek(),
    });
    expect(allowed.status, allowed.message).toBe("success");
  });
});
