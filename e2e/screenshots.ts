// Saves the README's images of the admin dashboard (npm run screenshots), at
// desktop width, against the e2e server's data: the demo accounts and 10,000
// bulk users.
import { expect, test } from "@playwright/test";
import { storageStatePath } from "./config";

test.use({ storageState: storageStatePath("admin"), viewport: { width: 1280, height: 1000 } });

test("admin dashboard screenshots", async ({ page }) => {
  await page.goto("/admin/users");
  await expect(page.getByText(/^10,003 users$/)).toBeVisible();
  await page.screenshot({ path: "docs/images/admin-users.png" });

  await page.goto("/admin/roles");
  await expect(page.getByRole("checkbox", { name: "Editor: reports.read" })).toBeChecked();
  await page.screenshot({ path: "docs/images/admin-roles.png", fullPage: true });
});
