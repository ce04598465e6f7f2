// Direct SQL on the e2e server's database, for scenarios where a change comes
// from outside the app (psql, a script). Only possible when the e2e suite runs
// on PostgreSQL (the default): the embedded PGlite database lives inside the
// server process, so the PGlite pass leaves out the specs that import this file.
import { randomBytes } from "node:crypto";
import bcrypt from "bcryptjs";
import pg from "pg";
import { E2E_DATABASE_URL, PASSWORD } from "./config";

export const SQL_UNAVAILABLE =
  "changes roles with raw SQL, which needs the suite on PostgreSQL (E2E_DATABASE=postgres, the default)";

let pool: pg.Pool | undefined;

export async function sql<Row = Record<string, unknown>>(
  text: string,
  params: unknown[] = [],
): Promise<Row[]> {
  if (!E2E_DATABASE_URL) throw new Error(`This test ${SQL_UNAVAILABLE}`);
  pool ??= new pg.Pool({ connectionString: E2E_DATABASE_URL, max: 2 });
  return (await pool.query(text, params)).rows as Row[];
}

export async function closeSql(): Promise<void> {
  await pool?.end();
  pool = undefined;
}

/** A new user with the demo password and the given roles, for tests that change someone's access. */
export async function createThrowawayUser(
  roles: string[] = ["Viewer"],
): Promise<{ id: string; email: string }> {
  const id = `e2e_${randomBytes(6).toString("hex")}`;
  const email = `${id}@example.test`;
  await sql(`INSERT INTO "User" (id, email, name, "passwordHash") VALUES ($1, $2, $3, $4)`, [
    id,
    email,
    `Temp ${id}`,
    await bcrypt.hash(PASSWORD, 4),
  ]);
  for (const role of roles) await grantRole(id, role);
  return { id, email };
}

export async function grantRole(userId: string, role: string, expiresAt: Date | null = null): Promise<void> {
  await sql(
    `INSERT INTO "UserRole" ("userId", "roleId", "expiresAt") SELECT $1, id, $3 FROM "Role" WHERE name = $2`,
    [userId, role, expiresAt],
  );
}

export async function revokeRole(userId: string, role: string): Promise<void> {
  await sql(
    `DELETE FROM "UserRole" WHERE "userId" = $1 AND "roleId" = (SELECT id FROM "Role" WHERE name = $2)`,
    [userId, role],
  );
}

/** A new user with the demo password and roles within organizations: [slug, role name] pairs. */
export async function createThrowawayMember(
  memberships: [organization: string, role: string][],
): Promise<{ id: string; email: string }> {
  const user = await createThrowawayUser([]);
  for (const [organization, role] of memberships) await addMembership(user.id, organization, role);
  return user;
}

export async function addMembership(userId: string, organization: string, role: string): Promise<void> {
  await sql(
    `INSERT INTO "Membership" ("userId", "organizationId", "roleId")
     SELECT $1, o.id, r.id FROM "Organization" o, "Role" r WHERE o.slug = $2 AND r.name = $3`,
    [userId, organization, role],
  );
}

export async function removeMembership(userId: string, organization: string): Promise<void> {
  await sql(
    `DELETE FROM "Membership" WHERE "userId" = $1
       AND "organizationId" = (SELECT id FROM "Organization" WHERE slug = $2)`,
    [userId, organization],
  );
}

/** A role holding `permissions`, created in SQL (deleted with its memberships by the database when dropped). */
export async function createThrowawayRole(permissions: string[]): Promise<string> {
  const name = `e2e role ${randomBytes(4).toString("hex")}`;
  await sql(`INSERT INTO "Role" (id, name) VALUES ($1, $1)`, [name]);
  for (const permission of permissions)
    await sql(`INSERT INTO "RolePermission" ("roleId", permission) VALUES ($1, $2)`, [name, permission]);
  return name;
}
