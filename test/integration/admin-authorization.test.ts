// The authorization table: every server action in app/**/actions.ts (and
// every admin route handler) is called signed out, as the viewer and as the
// editor, and must refuse and write nothing. The list comes from the code,
// and each action's sample input from its schema (test/support/samples.ts):
// an action whose schema has no sample fails.
import { existsSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { isPublicAction, permissionOf } from "@/lib/actions/protected-action";
import { IDLE } from "@/lib/actions/state";
import { PERMISSIONS, scopeOf } from "@/lib/permissions/catalogue";
import { setAppDatabase } from "../support/app-database";
import { formData, harness, signInAs } from "../support/session-harness";
import {
  type Action,
  collectActions,
  type Fields,
  filesUnder,
  type Ids,
  prepareSampleData,
  sampleFor,
} from "../support/action-samples";
import { auditCount, claimsFor, createUserWithRoles, snapshotTables } from "../support/admin";
import { createMigratedDatabase, describeOnBackends, type TestDatabase } from "../support/databases";

vi.mock("@/lib/auth/session", async (importOriginal) =>
  (await import("../support/session-harness")).sessionMock(importOriginal),
);
vi.mock("next/cache", async () => (await import("../support/session-harness")).nextCacheMock);

/**
 * Admin route handlers (app/api/admin/**\/route.ts), keyed "file#METHOD"; none exist yet. The
 * first test fails as soon as one appears without a sample here, and the route tests below
 * are declared once there is one.
 */
const ROUTE_SAMPLES: Record<string, { params?: Record<string, string>; body?: Fields }> = {};

async function collectRoutes(): Promise<Map<string, (req: Request, ctx: unknown) => Promise<Response>>> {
  const found = new Map<string, (req: Request, ctx: unknown) => Promise<Response>>();
  const files = existsSync("app/api/admin") ? filesUnder("app/api/admin", "route.ts") : [];
  for (const file of files) {
    const exported = (await import(path.resolve(file))) as Record<string, unknown>;
    for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"]) {
      if (typeof exported[method] === "function") found.set(`${file}#${method}`, exported[method] as never);
    }
  }
  return found;
}

await describeOnBackends("authorization table", (backend) => {
  void backend;
  let db: TestDatabase;
  let ids: Ids;
  let actions: Map<string, Action>;
  let routes: Awaited<ReturnType<typeof collectRoutes>>;

  beforeAll(async () => {
    db = await createMigratedDatabase(backend);
    setAppDatabase(db);
    ids = await prepareSampleData(db);
    actions = await collectActions();
    routes = await collectRoutes();
  });
  afterAll(async () => {
    setAppDatabase(null);
    harness.user = null;
    await db?.dispose();
  });

  it("every action and admin route has a sample input", () => {
    expect(actions.size).toBeGreaterThan(0);
    for (const key of actions.keys()) expect(() => sampleFor(key), key).not.toThrow();
    expect([...routes.keys()].sort()).toEqual(Object.keys(ROUTE_SAMPLES).sort());
  });

  for (const persona of [null, "viewer@example.com", "editor@example.com"]) {
    const who = persona ?? "signed out";
    it(`${who}: every action is refused and writes nothing`, async () => {
      expect(actions.size).toBeGreaterThan(0);
      for (const [key, action] of actions) {
        const sample = sampleFor(key);
        if (sample.selfService && persona) continue; // allowed on one's own account
        // Built for visitors (publicAction: forgot password, a reset link); test/integration/password-reset.test.ts.
        if (isPublicAction(action)) continue;
        await signInAs(persona);
        const before = await snapshotTables(db.sql);
        const result = await action(IDLE, formData(await sample.fields(db, ids)));
        expect(result.status, `${who} → ${key}: ${result.message}`).toBe("error");
        expect(
          result.fieldErrors,
          `${who} → ${key} was refused for its input, not for authorization`,
        ).toBeUndefined();
        expect(await snapshotTables(db.sql), `${who} → ${key} wrote something`).toEqual(before);
      }
    });

    // Declared only once an admin route exists: a loop over nothing proves nothing.
    if (Object.keys(ROUTE_SAMPLES).length > 0)
      it(`${who}: every admin route answers 401 or 403 and writes nothing`, async () => {
        expect(routes.size).toBeGreaterThan(0);
        for (const [key, handler] of routes) {
          const sample = ROUTE_SAMPLES[key]!;
          await signInAs(persona);
          const before = await snapshotTables(db.sql);
          const method = key.split("#")[1]!;
          const request = new Request("http://localhost/api/admin", {
            method,
            ...(sample.body ? { body: JSON.stringify(sample.body) } : {}),
          });
          const response = await handler(request, { params: Promise.resolve(sample.params ?? {}) });
          expect([401, 403], `${who} → ${key}`).toContain(response.status);
          expect(await snapshotTables(db.sql)).toEqual(before);
        }
      });
  }

  it("a member whose organization role holds every permission: every platform action is refused and writes nothing", async () => {
    // Written directly, as any writer could: the app refuses such a role for a membership.
    const rogueRole = await db.prisma.role.create({
      data: { name: "Rogue", permissions: { create: PERMISSIONS.map((permission) => ({ permission })) } },
    });
    const rogue = await createUserWithRoles(db, "rogue@example.test", ["Viewer"]);
    await db.prisma.membership.create({
      data: { userId: rogue, organizationId: ids.organization, roleId: rogueRole.id },
    });
    const claims = await claimsFor(db, "rogue@example.test");
    expect(claims.organization?.id).toBe(ids.organization);
    expect(claims.permissions).toEqual(["reports.read", "reports.export", "members.manage"]);
    expect(claims.globalPermissions).toEqual([]);
    const platform = [...actions].filter(([, action]) => {
      const permission = permissionOf(action);
      return permission ? scopeOf(permission) === "platform" : false;
    });
    expect(platform.length).toBeGreaterThan(5);
    for (const [key, action] of platform) {
      await signInAs("rogue@example.test");
      const before = await snapshotTables(db.sql);
      const result = await action(IDLE, formData(await sampleFor(key).fields(db, ids)));
      expect(result.status, `rogue → ${key}: ${result.message}`).toBe("error");
      expect(result.fieldErrors, `rogue → ${key} refused for its input`).toBeUndefined();
      expect(await snapshotTables(db.sql), `rogue → ${key} wrote something`).toEqual(before);
    }
    await db.prisma.membership.deleteMany({ where: { userId: rogue } });
    await db.prisma.role.delete({ where: { id: rogueRole.id } });
  });

  it("the samples are valid: as the admin, every admin action succeeds with them, and each writes its audit entry", async () => {
    expect(actions.size).toBeGreaterThan(0);
    for (const [key, action] of actions) {
      const sample = sampleFor(key);
      if (sample.selfService) continue;
      await signInAs("admin@example.com");
      const audited = await auditCount(db);
      const outcome = await action(IDLE, formData(await sample.fields(db, ids))).catch((error: unknown) =>
        // deleteRole redirects to the roles list once done.
        String((error as { digest?: string }).digest).startsWith("NEXT_REDIRECT")
          ? { status: "success" }
          : error,
      );
      expect(outcome, `admin → ${key}`).toMatchObject({ status: "success" });
      // Every admin change is recorded in the transaction that makes it.
      expect(await auditCount(db), `admin → ${key} wrote no audit entry`).toBeGreaterThan(audited);
    }
  });
});
