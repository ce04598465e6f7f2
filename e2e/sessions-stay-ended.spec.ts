import { expect, test } from "@playwright/test";
import { closeSql, createThrowawayUser, sql } from "./database";
import { expectSignInPage, firstAnswer, signInByApi } from "./support";

// Disabling a user ends their sessions for good: a cookie copied before the
// disable stays refused after the user is enabled again, whoever wrote the
// column (here psql-style SQL). Only a new sign-in works.
test.afterAll(closeSql);

test("disabled then enabled in SQL: a cookie from before stays refused, signing in again works", async ({
  browser,
}) => {
  const user = await createThrowawayUser(["Editor"]);
  const victim = await browser.newContext();
  expect((await signInByApi(victim.request, user.email)).ok()).toBe(true);
  expect((await victim.request.get("/api/reports")).status()).toBe(200);
  const stolen = await victim.cookies();
  expect(stolen.some((c) => c.name.endsWith("next-auth.session-token"))).toBe(true);

  await sql(`UPDATE "User" SET "disabledAt" = now() WHERE id = $1`, [user.id]);
  await firstAnswer(401, () => victim.request.get("/api/reports"));
  await sql(`UPDATE "User" SET "disabledAt" = NULL WHERE id = $1`, [user.id]);

  // The copied cookie, replayed from another browser after the enable.
  const thief = await browser.newContext();
  await thief.addCookies(stolen);
  expect((await thief.request.get("/api/reports")).status()).toBe(401);
  const page = await thief.newPage();
  await page.goto("/reports");
  await expectSignInPage(page);

  const again = await browser.newContext();
  expect((await signInByApi(again.request, user.email)).ok()).toBe(true);
  expect((await again.request.get("/api/reports")).status()).toBe(200);
  await Promise.all([victim.close(), thief.close(), again.close()]);
});
