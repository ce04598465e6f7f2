// Small data builders for integration tests, in plain SQL so that the
// database triggers are exercised exactly as any other writer would.
import { randomBytes } from "node:crypto";
import type { SqlClient } from "@/lib/db/sql";

export const newId = (prefix: string) => `${prefix}_${randomBytes(6).toString("hex")}`;

export async function createUser(sql: SqlClient, label = "user"): Promise<string> {
  const id = newId(label);
  await sql.query(`INSERT INTO "User" (id, email, name, "passwordHash") VALUES ($1, $2, $3, 'x')`, [
    id,
    `${id}@example.test`,
    label,
  ]);
  return id;
}

export async function createRole(
  sql: SqlClient,
  permissions: string[] = [],
  label = "role",
): Promise<string> {
  const id = newId(label);
  await sql.query(`INSERT INTO "Role" (id, name) VALUES ($1, $2)`, [id, id]);
  for (const p of permissions) {
    await sql.query(`INSERT INTO "RolePermission" ("roleId", permission) VALUES ($1, $2)`, [id, p]);
  }
  return id;
}

export async function grant(sql: SqlClient, userId: string, roleId: string, expiresAt: Date | null = null) {
  await sql.query(`INSERT INTO "UserRole" ("userId", "roleId", "expiresAt") VALUES ($1, $2, $3)`, [
    userId,
    roleId,
    expiresAt,
  ]);
}

/** Stamps (ms) of the given users, in the same order. */
export async function stampsOf(sql: SqlClient, ids: string[]): Promise<number[]> {
  const rows = await sql.query<{ id: string; stamp: Date }>(
    `SELECT id, "permissionsUpdatedAt" AS stamp FROM "User" WHERE id = ANY($1)`,
    [ids],
  );
  const byId = new Map(rows.map((r) => [r.id, r.stamp.getTime()]));
  return ids.map((id) => byId.get(id) ?? Number.NaN);
}

export async function createOrganization(sql: SqlClient, label = "org"): Promise<string> {
  const id = newId(label);
  await sql.query(`INSERT INTO "Organization" (id, slug, name) VALUES ($1, $2, $3)`, [
    id,
    id.toLowerCase().replaceAll("_", "-"),
    `${label} ${id}`,
  ]);
  return id;
}

export async function addMember(
  sql: SqlClient,
  userId: string,
  organizationId: string,
  roleId: string,
  expiresAt: Date | null = null,
) {
  await sql.query(
    `INSERT INTO "Membership" ("userId", "organizationId", "roleId", "expiresAt") VALUES ($1, $2, $3, $4)`,
    [userId, organizationId, roleId, expiresAt],
  );
}
