// Saves the README's images of the admin dashboard (npm run screenshots), at
// desktop width, against the e2e server's data: the demo accounts and 10,000
// bulk users.
import { expect, test } from "./fixtures";

test.use({ viewport: { width: 1280, height: 1000 } });

test("admin dashboard screenshots", async ({ signedInAs }) => {
  const page = await signedInAs("admin");
  await page.goto("/admin/users");
  await expect(page.getByText(/^10,003 users$/)).toBeVisible();
  await page.screenshot({ path: "docs/images/admin-users.png" });

  await page.goto("/admin/roles");
  await expect(page.getByRole("checkbox", { name: "Editor: reports.read" })).toBeChecked();
  await page.screenshot({ path: "docs/images/admin-roles.png", fullPage: true });
});
