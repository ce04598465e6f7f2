import { closeSql, createThrowawayUser, sql } from "./database";
import { expect, test } from "./fixtures";
import { expectSignInPage, firstAnswer } from "./support";

// Disabling a user ends their sessions for good: a cookie copied before the
// disable stays refused after the user is enabled again, whoever wrote the
// column (here psql-style SQL). Only a new sign-in works.
test.afterAll(closeSql);

test("disabled then enabled in SQL: a cookie from before stays refused, signing in again works", async ({
  signedInAs,
  anonymous,
}) => {
  const user = await createThrowawayUser(["Editor"]);
  const victim = (await signedInAs(user.email)).context();
  expect((await victim.request.get("/api/reports")).status()).toBe(200);
  const stolen = await victim.cookies();
  expect(stolen.some((c) => c.name.endsWith("next-auth.session-token"))).toBe(true);

  await sql(`UPDATE "User" SET "disabledAt" = now() WHERE id = $1`, [user.id]);
  await firstAnswer(401, () => victim.request.get("/api/reports"));
  await sql(`UPDATE "User" SET "disabledAt" = NULL WHERE id = $1`, [user.id]);

  // The copied cookie, replayed from another browser after the enable.
  const page = await anonymous();
  const thief = page.context();
  await thief.addCookies(stolen);
  expect((await thief.request.get("/api/reports")).status()).toBe(401);
  await page.goto("/reports");
  await expectSignInPage(page);

  const again = await signedInAs(user.email);
  expect((await again.request.get("/api/reports")).status()).toBe(200);
});
