// Role names left the session token (it must stay one small cookie however
// many roles a user holds); they are looked up by stamp instead. A user with
// 100 roles of 50 characters: the token stays small, the names are all there,
// and they cost a database read only when this instance has not loaded the
// user's claims at that stamp.
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { loadClaims } from "@/lib/auth/claims";
import { roleNameMemo } from "@/lib/auth/role-memo";
import { roleNamesOf } from "@/lib/auth/session";
import { encodeSessionToken } from "@/lib/auth/session-cookie";
import { permissionsUpdatedAtOf, withClaims } from "@/lib/auth/token";
import { processSlot } from "@/lib/process-state";
import { setAppDatabase } from "../support/app-database";
import { createMigratedDatabase, describeOnBackends, type TestDatabase } from "../support/databases";
import { createRole, createUser, grant, newId } from "../support/fixtures";

const database: { current: TestDatabase | null } = { current: null };
/** Each time the app asks for its database (getPrisma): counted, to see when names cost a read. */
const getPrisma = vi.fn(async () => database.current!);
setAppDatabase(getPrisma);

const SECRET = "integration-test-secret-that-is-long-enough";

await describeOnBackends("role names outside the token", (backend) => {
  let db: TestDatabase;
  let userId: string;
  const names: string[] = [];

  beforeAll(async () => {
    db = await createMigratedDatabase(backend);
    database.current = db;
    userId = await createUser(db.sql, "many_roles");
    const roleIds: string[] = [];
    for (let i = 0; i < 100; i++) {
      const name = `${newId("role")} with a name of exactly fifty`.padEnd(50, "x").slice(0, 50);
      names.push(name);
      const id = newId("r");
      roleIds.push(id);
      await db.sql.query(`INSERT INTO "Role" (id, name) VALUES ($1, $2)`, [id, name]);
    }
    await db.sql.query(`INSERT INTO "UserRole" ("userId", "roleId") SELECT $1, unnest($2::text[])`, [
      userId,
      roleIds,
    ]);
  });
  afterAll(() => db?.dispose());

  it("a user with 100 roles gets a token under 3 KB, and every name where names are shown", async () => {
    const claims = await loadClaims(db.prisma, userId, Date.now());
    expect(claims!.roles).toEqual([...names].sort());
    const token = withClaims({ authAt: Date.now() }, claims!);
    const { value } = await encodeSessionToken(token, SECRET);
    expect(value.length).toBeLessThan(3072);

    // This instance loaded the claims (as at sign-in): the names come from memory.
    getPrisma.mockClear();
    const key = { userId, permissionsUpdatedAt: permissionsUpdatedAtOf(token), grantExp: token.grantExp };
    expect(await roleNamesOf(key)).toEqual([...names].sort());
    expect(getPrisma).not.toHaveBeenCalled();
  });

  it("another instance (an empty memo) reads them once, then answers from memory", async () => {
    const claims = await loadClaims(db.prisma, userId, Date.now());
    const key = { userId, permissionsUpdatedAt: claims!.permissionsUpdatedAt, grantExp: claims!.grantExp };
    processSlot("roleNames").set(undefined); // a fresh process
    getPrisma.mockClear();
    expect(await roleNamesOf(key)).toHaveLength(100);
    expect(getPrisma).toHaveBeenCalledTimes(1);
    expect(await roleNamesOf(key)).toHaveLength(100);
    expect(getPrisma).toHaveBeenCalledTimes(1);
    expect(roleNameMemo().size).toBe(1);
  });

  it("a change moves the stamp, and the names follow it", async () => {
    const before = await loadClaims(db.prisma, userId, Date.now());
    const extra = await createRole(db.sql, [], "extra");
    await grant(db.sql, userId, extra);
    const after = await loadClaims(db.prisma, userId, Date.now());
    expect(after!.permissionsUpdatedAt).toBeGreaterThan(before!.permissionsUpdatedAt);
    expect(
      await roleNamesOf({ userId, permissionsUpdatedAt: after!.permissionsUpdatedAt, grantExp: null }),
    ).toContain(extra);
    // The old stamp is not answered from memory any more: it reads, and gets today's names.
    getPrisma.mockClear();
    expect(
      await roleNamesOf({ userId, permissionsUpdatedAt: before!.permissionsUpdatedAt, grantExp: null }),
    ).toHaveLength(101);
    expect(getPrisma).toHaveBeenCalledTimes(1);
  });
});
