// `npm run db:restamp`: moves every user's permission stamp once, so every
// session, on every instance, rebuilds its claims on its next request. For
// after writes that skipped the triggers: a pg_restore with
// --disable-triggers, logical replication, anything run with
// session_replication_role = replica. The stamp moves as the triggers move it
// (authz_next_stamp: strictly later than before, even within a millisecond),
// and "*" tells every listening instance to forget what it cached.
import type { SqlClient } from "./sql";

export async function restampAllUsers(sql: SqlClient): Promise<number> {
  await sql.exec("BEGIN");
  try {
    // Whatever the role's default: these statements are the app's own, not a replica's.
    await sql.exec("SET LOCAL session_replication_role = origin");
    const [row] = await sql.query<{ users: number }>(`
      WITH bumped AS (
        UPDATE "User" u SET "permissionsUpdatedAt" = "authz_next_stamp"(u."permissionsUpdatedAt") RETURNING 1
      )
      SELECT count(*)::int AS users FROM bumped`);
    await sql.query(`SELECT pg_notify('authz_changes', '*')`);
    await sql.exec("COMMIT");
    return row?.users ?? 0;
  } catch (error) {
    await sql.exec("ROLLBACK");
    throw error;
  }
}
