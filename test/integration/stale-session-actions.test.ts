// Server actions called with a session that went stale a moment before: the
// cookie was encoded at sign-in and still lists the permission, the role (or
// the session) was taken away in SQL just now, and the real data layer runs.
// The instance's change listener is kept from hearing of the change (the
// notification is held back, as on an instance it has not reached yet), so
// the token and the stamp cache both still say yes: only the action layer's
// own database read can refuse.
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { type ActionState, IDLE } from "@/lib/actions/state";
import { seedDemoData } from "@/lib/db/seed";
import { setAppDatabase } from "../support/app-database";
import {
  formData,
  instanceCache,
  notifications,
  resetInstance,
  sendCookie,
  signIn,
  throughGate,
} from "../support/session-harness";
import { createUserWithRoles, idOfRole, permissionsUpdatedAtOfUser, snapshotTables } from "../support/admin";
import { createMigratedDatabase, describeOnBackends, type TestDatabase } from "../support/databases";
import { newId } from "../support/fixtures";

// The instance must go on trusting its memory while notifications are held
// back or slowed here, as within its staleness bound it does: give it a bound
// no test here reaches (test/integration/starved-listener.test.ts tests the bound).
vi.stubEnv("AUTH_MAX_STALENESS_MS", "600000");
afterAll(() => vi.unstubAllEnvs());

vi.mock("next/headers", async () => (await import("../support/session-harness")).headersMock);
vi.mock("next/cache", async () => (await import("../support/session-harness")).nextCacheMock);

const { getCurrentUser } = await import("@/lib/auth/session");
const { settleChanges } = await import("@/lib/live/instance");
const { signOutEverywhere } = await import("@/app/(app)/profile/actions");
const { grantRole } = await import("@/app/(app)/admin/users/actions");
const { setRolePermission } = await import("@/app/(app)/admin/roles/actions");

type Action = (previous: ActionState, data: FormData) => Promise<ActionState>;
type Staleness = "role revoked" | "sessions ended" | "disabled";

const ENDED = "Your session has ended. Sign in again.";

await describeOnBackends("server actions with a stale session", (backend) => {
  let db: TestDatabase;
  let viewerRole: string, spareRole: string;

  beforeAll(async () => {
    db = await createMigratedDatabase(backend);
    setAppDatabase(throughGate(db));
    await seedDemoData(db.prisma);
    await db.prisma.role.create({
      data: { name: "User managers", permissions: { create: [{ permission: "users.manage" }] } },
    });
    await db.prisma.role.create({
      data: { name: "Role keepers", permissions: { create: [{ permission: "roles.manage" }] } },
    });
    await db.prisma.role.create({ data: { name: "Spare" } });
    viewerRole = await idOfRole(db, "Viewer");
    spareRole = await idOfRole(db, "Spare");
  });
  afterAll(async () => {
    await resetInstance();
    await db?.dispose();
  });

  /** Makes the actor's session stale in SQL, as psql or another instance would. */
  async function makeStale(actorId: string, how: Staleness, role: string) {
    if (how === "role revoked")
      await db.sql.query(
        `DELETE FROM "UserRole" WHERE "userId" = $1 AND "roleId" = (SELECT id FROM "Role" WHERE name = $2)`,
        [actorId, role],
      );
    if (how === "sessions ended")
      await db.sql.query(`UPDATE "User" SET "sessionsRevokedAt" = now() WHERE id = $1`, [actorId]);
    if (how === "disabled")
      await db.sql.query(`UPDATE "User" SET "disabledAt" = now() WHERE id = $1`, [actorId]);
  }

  /**
   * Signs a fresh actor in, proves the session works (one allowed call, or
   * at least a signed-in read), makes it stale while the instance is deaf,
   * checks that the data layer still sees the old session, then calls
   * again: refused with `message`, nothing written.
   */
  async function expectRefusedWhenStale(options: {
    role: string;
    how: Staleness;
    action: Action;
    fields: () => Promise<Record<string, string | number>>;
    message: string;
    allowedFirst: boolean;
    permission: string | null;
  }) {
    const email = `${newId("actor")}@example.test`;
    const actorId = await createUserWithRoles(db, email, [options.role]);
    const session = await signIn(email);
    sendCookie(session.cookie);
    if (options.allowedFirst) {
      const first = await options.action(IDLE, formData(await options.fields()));
      expect(first, "the fresh session is allowed").toMatchObject({ status: "success" });
    }
    const fields = await options.fields();
    const staleView = async () => {
      const user = await getCurrentUser();
      return {
        signedIn: !!user,
        allowed: !options.permission || !!user?.permissions.some((p) => p === options.permission),
      };
    };
    expect(await staleView(), "the session works before").toEqual({ signedIn: true, allowed: true });
    // Hear everything committed so far (this actor's creation, the last test's
    // changes) before holding: a notification still on its way would drop the
    // cache entry read next, and the stale view would come from the database.
    await settleChanges();
    expect(await staleView(), "still works, now from the cache").toEqual({ signedIn: true, allowed: true });
    expect((await instanceCache())?.isLive, "a live cache: the stale view comes from memory").toBe(true);
    notifications.mode = "held";
    try {
      await makeStale(actorId, options.how, options.role);
      expect(await staleView(), "token and cache still say yes").toEqual({ signedIn: true, allowed: true });
      const before = await snapshotTables(db.sql);
      const result = await options.action(IDLE, formData(fields));
      expect(result).toEqual({ status: "error", message: options.message });
      expect(await snapshotTables(db.sql), "nothing written").toEqual(before);
    } finally {
      notifications.release();
    }
  }

  const grantViewer = (target: string) => async () => ({
    userId: target,
    roleId: viewerRole,
    permissionsUpdatedAt: await permissionsUpdatedAtOfUser(db, target),
  });

  /** Viewer the first time, Spare the next: each call would be a real change. */
  const grantNext = (target: string) => {
    let calls = 0;
    return async () => ({
      userId: target,
      roleId: calls++ === 0 ? viewerRole : spareRole,
      permissionsUpdatedAt: await permissionsUpdatedAtOfUser(db, target),
    });
  };

  for (const how of ["role revoked", "sessions ended", "disabled"] as const) {
    const message = how === "role revoked" ? "You need the users.manage permission to do this." : ENDED;
    it(`admin/users grantRole: ${how} in SQL a moment before → refused, nothing written`, async () => {
      const target = await createUserWithRoles(db, `${newId("target")}@example.test`, []);
      await expectRefusedWhenStale({
        role: "User managers",
        how,
        action: grantRole,
        fields: grantNext(target),
        message,
        allowedFirst: true,
        permission: "users.manage",
      });
    });

    const roleMessage = how === "role revoked" ? "You need the roles.manage permission to do this." : ENDED;
    it(`admin/roles setRolePermission: ${how} in SQL a moment before → refused, nothing written`, async () => {
      const role = await db.prisma.role.create({ data: { name: newId("Cells") } });
      let state: "grant" | "revoke" = "revoke";
      await expectRefusedWhenStale({
        role: "Role keepers",
        how,
        action: setRolePermission,
        // Alternates, so the second call would be a real change if it were allowed.
        fields: async () => ({
          roleId: role.id,
          permission: "audit.read",
          state: (state = state === "grant" ? "revoke" : "grant"),
        }),
        message: roleMessage,
        allowedFirst: true,
        permission: "roles.manage",
      });
    });
  }

  for (const how of ["sessions ended", "disabled"] as const)
    it(`(app) signOutEverywhere: ${how} in SQL a moment before → refused, nothing written`, async () => {
      await expectRefusedWhenStale({
        role: "Viewer",
        how,
        action: signOutEverywhere,
        fields: async () => ({}),
        message: ENDED,
        allowedFirst: false,
        permission: null,
      });
    });

  it("the control: the same harness with a current session lets the action through", async () => {
    const email = `${newId("actor")}@example.test`;
    await createUserWithRoles(db, email, ["User managers"]);
    sendCookie((await signIn(email)).cookie);
    const target = await createUserWithRoles(db, `${newId("target")}@example.test`, []);
    const result = await grantRole(IDLE, formData(await grantViewer(target)()));
    expect(result.status).toBe("success");
    expect(await db.prisma.userRole.count({ where: { userId: target } })).toBe(1);
  });

  it("a cookie that is not a session: refused, nothing written", async () => {
    sendCookie("not-a-token");
    const before = await snapshotTables(db.sql);
    const target = (await db.prisma.user.findFirstOrThrow({ where: { email: "viewer@example.com" } })).id;
    expect(await grantRole(IDLE, formData(await grantViewer(target)()))).toEqual({
      status: "error",
      message: ENDED,
    });
    expect(await snapshotTables(db.sql)).toEqual(before);
  });
});
