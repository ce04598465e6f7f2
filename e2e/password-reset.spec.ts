import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { PASSWORD } from "./config";
import { closeSql, createThrowawayUser } from "./database";
import { expect, test } from "./fixtures";
import { expectSignInPage, signInByApi } from "./support";

// Issue 21, point 4, in the browser: "Forgot password?" on the sign-in page,
// the link read from the dev mailbox page (the e2e server keeps its mail
// there: MAIL_DEV_MAILBOX in playwright.config.ts), a new password set from
// it, and a sign-in with that password. A browser signed in before the reset
// is signed out on its next request; the old password and the used link no
// longer work. The user is this spec's own (made in SQL: PostgreSQL pass only).
test.afterAll(closeSql);

const NEW_PASSWORD = "a new password from the link";

/** What axe finds serious on the page as it is now, in the light and the dark scheme. */
async function seriousViolations(page: Page): Promise<string[]> {
  const found: string[] = [];
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    const { violations } = await new AxeBuilder({ page }).analyze();
    for (const v of violations)
      if (v.impact === "serious" || v.impact === "critical") found.push(`${colorScheme}: ${v.id} ${v.help}`);
  }
  return found;
}

test("forgot password: the mailed link sets a new password; sessions from before end, the old password fails", async ({
  signedInAs,
  anonymous,
}) => {
  const user = await createThrowawayUser(["Viewer"]);
  const before = await signedInAs(user.email);
  await before.goto("/");
  await expect(before.getByRole("heading", { name: /Signed in as/ })).toBeVisible();

  const page = await anonymous();
  await page.goto("/sign-in");
  await page.getByRole("link", { name: "Forgot password?" }).click();
  const form = page.getByRole("form", { name: "Send a reset link" });
  await form.getByLabel("Email").fill(user.email);
  await form.getByRole("button", { name: "Send a reset link" }).click();
  await expect(form.getByRole("status")).toHaveText(/^If an account exists for that address, we sent a link/);

  // The link is mailed once the answer is out: the mailbox shows it a moment later.
  const mail = page.getByRole("article", { name: `Mail to ${user.email}` });
  await expect(async () => {
    await page.goto("/dev/mailbox");
    await expect(mail).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  const link = mail.getByRole("link", { name: /\/reset-password\// });
  const href = await link.getAttribute("href");
  await link.click();

  await expect(page.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
  expect(await seriousViolations(page), "axe on the reset form").toEqual([]);
  await page.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel("New password again").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Set the new password" }).click();
  await expectSignInPage(page);
  await expect(page.getByRole("main").getByRole("status")).toContainText("Your password was changed");

  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: /Signed in as/ })).toBeVisible();

  // The browser signed in before the reset: signed out on its next request.
  await before.goto("/");
  await expectSignInPage(before);
  expect((await before.context().request.get("/api/me/permissions")).status()).toBe(401);

  const stranger = (await anonymous()).context().request;
  expect((await signInByApi(stranger, user.email, PASSWORD)).ok(), "the old password").toBe(false);
  await page.goto(href!);
  await expect(page.getByRole("heading", { name: "This link cannot be used" })).toBeVisible();
});

test("the reset pages and the dev mailbox open without signing in, axe clean; an unknown link gets the one error page", async ({
  anonymous,
}) => {
  const page = await anonymous();
  await page.goto("/dev/mailbox");
  await expect(page.getByRole("heading", { name: "Dev mailbox" })).toBeVisible();
  expect(await seriousViolations(page), "axe on the mailbox").toEqual([]);
  await page.goto("/forgot-password");
  await expect(page.getByRole("heading", { name: "Forgot your password?" })).toBeVisible();
  expect(await seriousViolations(page), "axe on forgot password").toEqual([]);
  await page.goto(`/reset-password/${"A".repeat(43)}`);
  await expect(page.getByRole("heading", { name: "This link cannot be used" })).toBeVisible();
  expect(await seriousViolations(page), "axe on the error page").toEqual([]);
  await page.goto("/reset-password/not-a-token");
  await expect(page.getByRole("heading", { name: "This link cannot be used" })).toBeVisible();
});
