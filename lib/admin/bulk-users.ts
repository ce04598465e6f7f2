// A large data set for trying the admin dashboard at scale:
// `npm run db:seed -- --users 10000`. Set-based SQL (generate_series) with
// one shared password hash, so 10,000 users take seconds. Idempotent: users
// that exist are left alone, and only users without any role get one (every
// tenth an Editor, the rest Viewers), so later admin changes survive a re-run.
import { hashPassword } from "@/lib/security/password";
import { DEMO_PASSWORD } from "@/lib/db/demo-data";
import type { SqlClient } from "@/lib/db/sql";

const BULK_EMAIL_DOMAIN = "bulk.example.com";

const FIRST = "Ada Ben Chloe Dev Elena Farid Grace Hugo Ines Jonas Kemi Liam Mei Nils Olga Priya".split(" ");
const LAST =
  "Okafor Schmidt Tanaka Rossi Novak Silva Haddad Larsen Moreau Kowalski Nguyen Byrne Costa Ivanova Mensah Duarte".split(
    " ",
  );

const sqlArray = (items: string[]) => `ARRAY[${items.map((s) => `'${s}'`).join(",")}]`;

export async function seedBulkUsers(
  sql: SqlClient,
  count: number,
): Promise<{ users: number; grants: number }> {
  if (!Number.isInteger(count) || count < 1 || count > 1_000_000) {
    throw new Error("--users must be a whole number between 1 and 1000000");
  }
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const users = await sql.query<{ id: string }>(
    `INSERT INTO "User" (id, email, name, "passwordHash", "createdAt")
     SELECT 'bulk_' || lpad(i::text, 7, '0'),
            'user' || lpad(i::text, greatest(5, length(i::text)), '0') || '@${BULK_EMAIL_DOMAIN}',
            f || ' ' || l,
            $2,
            now() - make_interval(mins => i)
     FROM generate_series(1, $1::int) AS i,
          LATERAL (SELECT (${sqlArray(FIRST)})[1 + i % ${FIRST.length}] AS f,
                          (${sqlArray(LAST)})[1 + (i / ${FIRST.length} + i * 5) % ${LAST.length}] AS l) AS n
     ON CONFLICT DO NOTHING
     RETURNING id`,
    [count, passwordHash],
  );
  // One statement, so the permission-change trigger bumps everyone at once.
  const grants = await sql.query<{ userId: string }>(
    `INSERT INTO "UserRole" ("userId", "roleId")
     SELECT u.id, r.id
     FROM "User" u
     JOIN "Role" r ON r.name = CASE WHEN substr(u.id, 6)::int % 10 = 0 THEN 'Editor' ELSE 'Viewer' END
     WHERE u.id LIKE 'bulk\\_%' AND substr(u.id, 6)::int <= $1
       AND NOT EXISTS (SELECT 1 FROM "UserRole" x WHERE x."userId" = u.id)
     ON CONFLICT DO NOTHING
     RETURNING "userId"`,
    [count],
  );
  return { users: users.length, grants: grants.length };
}
