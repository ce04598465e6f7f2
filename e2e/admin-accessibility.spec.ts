import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "./fixtures";

// Every page in both colour schemes, at desktop and phone widths: e2e/every-page.spec.ts.

test("a failed form says so next to the field, and the result is announced", async ({ signedInAs }) => {
  const page = await signedInAs("admin");
  await page.goto("/admin/roles");
  const form = page.getByRole("form", { name: "Create role" });
  await form.getByRole("button", { name: "Create role" }).click();
  const name = form.getByLabel("Name");
  await expect(name).toHaveAttribute("aria-invalid", "true");
  await expect(name).toBeFocused();
  const describedBy = await name.getAttribute("aria-describedby");
  await expect(page.locator(`[id="${describedBy}"]`)).toHaveText("Enter a role name");
  await expect(form.getByRole("status")).toHaveText("Nothing was changed: check the highlighted fields.");
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
});
