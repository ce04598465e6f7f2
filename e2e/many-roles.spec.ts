import { randomBytes } from "node:crypto";
import { expect, test } from "./fixtures";
import { PASSWORD } from "./config";
import { closeSql, createThrowawayUser, sql } from "./database";
import { signInByForm } from "./support";

// A user holding 100 roles with 50-character names signs in through the form
// and uses the app. Role names used to travel in the session token, which then
// grew past next-auth's ~4 KB chunk size into `.0`/`.1` cookies that the proxy
// and the data layer do not read: the user was sent straight back to sign-in.

const run = randomBytes(3).toString("hex");
const roleNames = Array.from({ length: 100 }, (_, i) =>
  `Regional compliance reviewer ${run} no. ${String(i).padStart(3, "0")}`.padEnd(50, "."),
);

let userId: string | undefined;

test.afterAll(async () => {
  // The other specs see the admin pages without these hundred roles.
  if (userId) await sql(`DELETE FROM "User" WHERE id = $1`, [userId]);
  await sql(`DELETE FROM "Role" WHERE name = ANY($1)`, [roleNames]);
  await closeSql();
});

test("a user with 100 roles signs in through the form and uses the app", async ({ page }) => {
  test.setTimeout(60_000);
  expect(roleNames.every((n) => n.length === 50)).toBe(true);
  await sql(`INSERT INTO "Role" (id, name) SELECT 'many_' || md5(n), n FROM unnest($1::text[]) AS n`, [
    roleNames,
  ]);
  await sql(
    `INSERT INTO "RolePermission" ("roleId", permission) SELECT id, 'reports.read' FROM "Role" WHERE name = $1`,
    [roleNames[0]],
  );
  const user = await createThrowawayUser([]);
  userId = user.id;
  await sql(`INSERT INTO "UserRole" ("userId", "roleId") SELECT $1, id FROM "Role" WHERE name = ANY($2)`, [
    user.id,
    roleNames,
  ]);

  await signInByForm(page, user.email, PASSWORD);
  await expect(page.getByRole("heading", { name: `Signed in as Temp ${user.id}` })).toBeVisible();
  await expect(page.getByRole("list", { name: "Roles" }).getByRole("listitem")).toHaveText(
    [...roleNames].sort(),
  );

  // One cookie, small, never chunked.
  const sessionCookies = (await page.context().cookies()).filter((c) => c.name.includes("session-token"));
  expect(sessionCookies.map((c) => c.name)).toEqual(["next-auth.session-token"]);
  expect(sessionCookies[0]!.value.length).toBeLessThan(3072);

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Reports" }).click();
  await expect(page.getByRole("table")).toBeVisible();
  await page.reload();
  await expect(page.getByRole("table")).toBeVisible();

  const me = await page.request.get("/api/me/permissions");
  expect(me.status()).toBe(200);
  const body = (await me.json()) as { roles: string[]; permissions: string[] };
  expect(body.roles).toEqual([...roleNames].sort());
  expect(body.permissions).toEqual(["reports.read"]);
  expect((await page.request.get("/api/reports")).status()).toBe(200);
});
