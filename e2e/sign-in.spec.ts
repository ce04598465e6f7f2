// e2e: on PGlite too (signing in, on the app's default database)
import { PASSWORD, PERSONAS, type Persona } from "./config";
import { expect, test } from "./fixtures";
import { expectSignInPage, signInByForm } from "./support";

for (const persona of Object.keys(PERSONAS) as Persona[]) {
  test(`${persona} signs in on the sign-in page and sees their roles and permissions`, async ({ page }) => {
    const { email, name, roles, permissions } = PERSONAS[persona]; // what the seed gives them
    await signInByForm(page, email, PASSWORD);
    await expect(page.getByRole("heading", { name: `Signed in as ${name}` })).toBeVisible();
    await expect(page.getByTestId("user-email")).toHaveText(email);
    await expect(page.getByRole("list", { name: "Roles" }).getByRole("listitem")).toHaveText([...roles]);
    if (permissions.length === 0) {
      await expect(page.getByText("No permissions")).toBeVisible();
    } else {
      await expect(page.getByRole("list", { name: "Permissions" }).getByRole("listitem")).toHaveText([
        ...permissions,
      ]);
    }
  });
}

test("a wrong password is refused with a message and no session", async ({ page }) => {
  await signInByForm(page, PERSONAS.editor.email, "not-the-password");
  await expect(page.getByRole("alert").filter({ hasText: "Email or password is incorrect." })).toBeVisible();
  expect((await page.request.get("/api/me/permissions")).status()).toBe(401);
});

test("the sign-in form points at the field that is wrong", async ({ page }) => {
  await signInByForm(page, "not-an-email", "");
  await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("Enter a valid email address")).toBeVisible();
  await expect(page.getByText("Enter your password")).toBeVisible();
});

test("signing out ends the session", async ({ page }) => {
  await signInByForm(page, PERSONAS.viewer.email, PASSWORD);
  await expect(page.getByRole("heading", { name: /Signed in as/ })).toBeVisible();
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expectSignInPage(page);
  await page.goto("/");
  await expectSignInPage(page);
});
