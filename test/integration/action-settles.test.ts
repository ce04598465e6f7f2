// "A change made through the app is in effect on the instance that made it
// before the action answers." Here the instance runs its real change listener
// and stamp cache, and every notification takes 150 ms to reach it (a slow
// link): the cache would answer with the old stamp for that long. So the
// checks below pass only because protectedAction waits for its own echo
// (settleChanges) before it returns, on success and on redirect alike.
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { IDLE } from "@/lib/actions/state";
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
import { createUserWithRoles, permissionsUpdatedAtOfUser } from "../support/admin";
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
const { signOutEverywhere } = await import("@/app/(app)/profile/actions");
const { grantRole } = await import("@/app/(app)/admin/users/actions");

const SLOW_LINK_MS = 150;

await describeOnBackends("an action's change is in effect before it answers", (backend) => {
  let db: TestDatabase;
  let readersRole: string;

  beforeAll(async () => {
    db = await createMigratedDatabase(backend);
    setAppDatabase(throughGate(db));
    await seedDemoData(db.prisma);
    readersRole = (
      await db.prisma.role.create({
        data: { name: "Readers", permissions: { create: [{ permission: "reports.read" }] } },
      })
    ).id;
    await db.prisma.role.create({
      data: {
        name: "Granters",
        permissions: { create: [{ permission: "users.manage" }, { permission: "reports.read" }] },
      },
    });
  });
  afterAll(async () => {
    await resetInstance();
    await db?.dispose();
  });

  /** Who the data layer says is signed in with `cookie`, right now, with no waiting. */
  async function seenWith(cookie: string) {
    sendCookie(cookie);
    return getCurrentUser();
  }

  it("a role granted to someone counts on their very next request, with the cache live", async () => {
    const manager = await signIn(await emailOf(["Granters"]));
    const targetEmail = await emailOf([]);
    const target = await signIn(targetEmail);
    // The target's stamp is now in the cache, and the cache is fed by notifications.
    expect((await seenWith(target.cookie))?.permissions).toEqual([]);
    expect((await instanceCache())?.isLive, "a live cache: the wait is not a no-op").toBe(true);

    notifications.mode = SLOW_LINK_MS;
    try {
      sendCookie(manager.cookie);
      const result = await grantRole(
        IDLE,
        formData({
          userId: target.token.sub,
          roleId: readersRole,
          permissionsUpdatedAt: await permissionsUpdatedAtOfUser(db, target.token.sub),
        }),
      );
      expect(result.status).toBe("success");
      // No sleep, no retry: the first check after the answer.
      expect((await seenWith(target.cookie))?.permissions).toEqual(["reports.read"]);
    } finally {
      notifications.release();
    }
  });

  it("sign out everywhere (which answers with a redirect) ends the user's other sessions before it answers", async () => {
    const email = await emailOf(["Viewer"]);
    const [laptop, phone] = [await signIn(email), await signIn(email)];
    expect(await seenWith(laptop.cookie)).not.toBeNull();
    expect(await seenWith(phone.cookie)).not.toBeNull();

    notifications.mode = SLOW_LINK_MS;
    try {
      sendCookie(phone.cookie);
      const error = await signOutEverywhere(IDLE, formData({})).catch((e: unknown) => e);
      expect(String((error as { digest?: string }).digest)).toMatch(/^NEXT_REDIRECT;replace;\/sign-in;/);
      expect(await seenWith(laptop.cookie)).toBeNull();
    } finally {
      notifications.release();
    }
  });

  async function emailOf(roles: string[]): Promise<string> {
    const email = `${newId("user")}@example.test`;
    await createUserWithRoles(db, email, roles);
    return email;
  }
});
