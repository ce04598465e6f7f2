// Saves the images of docs/ADMIN.md (npm run screenshots) against the e2e server's
// data: the demo accounts and 10,000 bulk users. The admin dashboard at
// desktop width, and two pages on a phone, one of them in the dark scheme.
import { PERSONAS } from "./config";
import { expect, test } from "./fixtures";

test("admin dashboard screenshots, desktop", async ({ signedInAs }) => {
  const page = await signedInAs("admin");
  await page.setViewportSize({ width: 1280, height: 1000 });
  await page.goto("/admin/users");
  await expect(page.getByText(/^10,0\d\d users$/)).toBeVisible();
  await page.screenshot({ path: "docs/images/admin-users.png" });

  await page.goto("/admin/roles");
  await expect(page.getByRole("checkbox", { name: "Editor: reports.read" })).toBeChecked();
  await page.screenshot({ path: "docs/images/admin-roles.png", fullPage: true });
});

test("screenshots on a phone, light and dark", async ({ signedInAs }) => {
  const page = await signedInAs("admin");
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/admin/users");
  await expect(page.getByText(/^10,0\d\d users$/)).toBeVisible();
  await page.screenshot({ path: "docs/images/phone-users.png" });

  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto(`/admin/users?q=${encodeURIComponent(PERSONAS.viewer.email)}`);
  await page.getByRole("link", { name: PERSONAS.viewer.name, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: PERSONAS.viewer.name })).toBeVisible();
  await page.screenshot({ path: "docs/images/phone-user-dark.png" });
});
