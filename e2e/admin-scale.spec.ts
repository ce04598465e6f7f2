// e2e: serial (it counts the users, which parallel specs create)
import { expect, test } from "./fixtures";

// The e2e server adds E2E_BULK_USERS (10,000 by default) users to the demo data.

test("the users page at 10,000 users: counts, pages both ways, searches and filters by role", async ({
  signedInAs,
}) => {
  const page = await signedInAs("admin");
  await page.goto("/admin/users");
  await expect(page.getByText(/^1\d,\d{3} users$/)).toBeVisible();
  const rows = page.getByRole("main").getByRole("row");
  await expect(rows).toHaveCount(26); // the header and a page of 25

  // The first email on the page (the row header is the name; names repeat, emails do not).
  const firstOnPage = async () => rows.nth(1).getByRole("cell").first().textContent();
  const first = await firstOnPage();
  for (let i = 0; i < 3; i++) {
    await page.getByRole("link", { name: "Next →" }).click();
    await expect(page).toHaveURL(/after=/);
  }
  const fourth = await firstOnPage();
  expect(fourth).not.toBe(first);
  await page.getByRole("link", { name: "← Previous" }).click();
  await expect(page).toHaveURL(/before=/);
  await expect(rows).toHaveCount(26);

  await page.getByLabel("Search by email or name").fill("user09999");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByText("1 user matches")).toBeVisible();
  await expect(page.getByRole("cell", { name: "user09999@bulk.example.com" })).toBeVisible();

  await page.getByLabel("Search by email or name").fill("no such person anywhere");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByText("No users match this search.")).toBeVisible();
  await page.getByRole("link", { name: "Show all users" }).click();
  // The unfiltered list is back before the next search (a busy machine showed the old query's form).
  await expect(page).toHaveURL(/\/admin\/users$/);
  await expect(page.getByText(/^1\d,\d{3} users$/)).toBeVisible();
  await expect(page.getByLabel("Search by email or name")).toHaveValue("");

  await page.getByLabel("Role", { exact: true }).selectOption({ label: "Editor" });
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByText(/^1,0\d\d users match$/)).toBeVisible();
});
