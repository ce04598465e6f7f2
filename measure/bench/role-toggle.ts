// Grants and revokes a role straight in SQL, as psql or a script would, and
// reports when the change committed and the stamp it gave the user.
import type pg from "pg";

export type Change = { userId: string; granted: boolean; committedAt: number; stamp: number };

export async function setRole(
  client: pg.ClientBase,
  userId: string,
  role: string,
  granted: boolean,
): Promise<Change> {
  await client.query("BEGIN");
  try {
    if (granted)
      await client.query(
        `INSERT INTO "UserRole" ("userId", "roleId") SELECT $1, id FROM "Role" WHERE name = $2 ON CONFLICT DO NOTHING`,
        [userId, role],
      );
    else
      await client.query(
        `DELETE FROM "UserRole" WHERE "userId" = $1 AND "roleId" = (SELECT id FROM "Role" WHERE name = $2)`,
        [userId, role],
      );
    const { rows } = await client.query<{ stamp: Date }>(
      `SELECT "permissionsUpdatedAt" AS stamp FROM "User" WHERE id = $1`,
      [userId],
    );
    await client.query("COMMIT");
    return {
      userId,
      granted,
      committedAt: performance.timeOrigin + performance.now(),
      stamp: rows[0]!.stamp.getTime(),
    };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  }
}
