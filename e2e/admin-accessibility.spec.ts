import AxeBuilder from "@axe-core/playwright";
import { ADMIN_ROUTES, expect, test } from "./fixtures";

const SIZES = [
  { name: "desktop", width: 1280, height: 900 },
  { name: "phone", width: 390, height: 844 },
];

test("no serious or critical accessibility violations on any admin page, at desktop and phone widths", async ({
  signedInAs,
  pageUrls,
}) => {
  // Twelve pages, each analysed by axe: 30 s was too tight on a busy 2-core machine.
  test.setTimeout(120_000);
  const page = await signedInAs("admin");
  const urls = ADMIN_ROUTES.map((route) => pageUrls[route]);
  expect(urls.length).toBeGreaterThan(0);
  for (const size of SIZES) {
    await page.setViewportSize(size);
    for (const url of urls) {
      await page.goto(url);
      const { violations } = await new AxeBuilder({ page }).analyze();
      const severe = violations
        .filter((v) => v.impact === "serious" || v.impact === "critical")
        .map(
          (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
        );
      expect(severe, `${url} at ${size.name} width`).toEqual([]);
    }
  }
});

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
