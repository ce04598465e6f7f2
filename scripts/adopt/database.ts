// The minimal app's own PostgreSQL database for one `npm run adopt:check`:
// created under a unique name, migrated with the migration folders the guide
// names (copied into the app, as an adopter copies them), seeded with one
// user and one role, and dropped at the end. The grant and the revocation are
// plain SQL on purpose: the promise is that any writer is seen.
import path from "node:path";
import bcrypt from "bcrypt";
import pg from "pg";
import { applyMigrations, readMigrations } from "@/lib/db/migrate";
import { sqlFromPg } from "@/lib/db/sql";
import { scratchDatabase, withClient } from "../support/scratch-database";

/** The one user the check signs in as, and the role it grants and takes back. */
export const DEMO = {
  userId: "adopt-check-user",
  email: "reader@example.com",
  password: "adopt-check-password",
  roleId: "adopt-check-reporter",
  permission: "reports.read",
} as const;

export type CheckDatabase = {
  url: string;
  /** Applies `<appDir>/prisma/migrations` in name order; returns the names applied. */
  migrate(appDir: string): Promise<string[]>;
  seed(): Promise<void>;
  /** Gives the user the role; returns their permission stamp (ms) after the change. */
  grant(): Promise<number>;
  /** Takes the role back; returns their permission stamp (ms) after the change. */
  revoke(): Promise<number>;
  drop(): Promise<void>;
};

export async function createCheckDatabase(adminUrl: string): Promise<CheckDatabase> {
  const database = scratchDatabase(adminUrl, "adopt_check");
  await database.create();
  const run = <T>(work: (client: pg.Client) => Promise<T>) => withClient(database.url, work);
  const stamp = async (client: pg.Client) => {
    const { rows } = await client.query<{ at: Date }>(
      `SELECT "permissionsUpdatedAt" AS at FROM "User" WHERE id = $1`,
      [DEMO.userId],
    );
    if (!rows[0]) throw new Error(`user ${DEMO.userId} is missing`);
    return rows[0].at.getTime();
  };

  return {
    url: database.url,
    async migrate(appDir) {
      const migrations = await readMigrations(path.join(appDir, "prisma", "migrations"));
      const result = await run((c) => applyMigrations(sqlFromPg(c), migrations));
      return result.applied;
    },
    async seed() {
      const hash = await bcrypt.hash(DEMO.password, 10);
      await run(async (c) => {
        await c.query(
          `INSERT INTO "User" (id, email, name, "passwordHash") VALUES ($1, $2, 'Rita Reader', $3)`,
          [DEMO.userId, DEMO.email, hash],
        );
        await c.query(`INSERT INTO "Role" (id, name) VALUES ($1, 'Reporter')`, [DEMO.roleId]);
        await c.query(`INSERT INTO "RolePermission" ("roleId", permission) VALUES ($1, $2)`, [
          DEMO.roleId,
          DEMO.permission,
        ]);
      });
    },
    grant: () =>
      run(async (c) => {
        await c.query(`INSERT INTO "UserRole" ("userId", "roleId") VALUES ($1, $2)`, [
          DEMO.userId,
          DEMO.roleId,
        ]);
        return stamp(c);
      }),
    revoke: () =>
      run(async (c) => {
        await c.query(`DELETE FROM "UserRole" WHERE "userId" = $1 AND "roleId" = $2`, [
          DEMO.userId,
          DEMO.roleId,
        ]);
        return stamp(c);
      }),
    drop: database.drop,
  };
}
