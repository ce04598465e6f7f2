import { createUserInUi, uniqueEmail } from "./admin-support";
import { expect, test } from "./fixtures";

test("roles: create, a stale edit from a second tab is refused, delete in use confirms the member count, the audit log keeps it", async ({
  signedInAs,
}) => {
  const page = await signedInAs("admin");
  const name = `Auditors ${Date.now().toString(36)}`;

  await page.goto("/admin/roles");
  const create = page.getByRole("form", { name: "Create role" });
  await create.getByLabel("Name").fill(name);
  await create.getByLabel("Description (optional)").fill("Reads the log");
  await create.getByRole("button", { name: "Create role" }).click();
  await expect(create.getByRole("status")).toHaveText(
    `Created the role ${name}. Give it permissions in the matrix.`,
  );
  await page.getByRole("checkbox", { name: `${name}: audit.read` }).check();
  await expect(page.getByText(`${name}: audit.read granted.`)).toBeVisible();
  await createUserInUi(page, { email: uniqueEmail("auditor"), name: "Aud Itor", role: name });

  await page.goto("/admin/roles");
  await page.getByRole("link", { name, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  const stale = await page.context().newPage();
  await stale.goto(page.url());

  const details = page.getByRole("form", { name: "Details" });
  await details.getByLabel("Name").fill(`${name} renamed`);
  await details.getByRole("button", { name: "Save" }).click();
  await expect(details.getByRole("status")).toHaveText(`Saved ${name} renamed.`);

  const staleDetails = stale.getByRole("form", { name: "Details" });
  await staleDetails.getByLabel("Description").fill("Written over an old version");
  await staleDetails.getByRole("button", { name: "Save" }).click();
  await expect(staleDetails.getByRole("status")).toHaveText(
    "This role was changed by someone else; reload to see the latest.",
  );
  await expect(staleDetails.getByLabel("Description")).toHaveValue("Written over an old version");
  await stale.close();

  await page.getByRole("button", { name: "Delete role" }).click();
  await expect(page.getByRole("group", { name: /1 member will lose it/ })).toBeVisible();
  await page.getByRole("button", { name: "Yes, delete" }).click();
  await expect(page).toHaveURL(/\/admin\/roles\?deleted=1$/);
  await expect(page.getByText("The role was deleted, and its members lost it.")).toBeVisible();
  await expect(page.getByRole("link", { name: `${name} renamed`, exact: true })).toHaveCount(0);

  await page.goto("/admin/audit");
  const deleted = page.getByRole("row", { name: /Role deleted/ }).first();
  await expect(deleted).toContainText(`${name} renamed`);
  await deleted.getByRole("link", { name: `${name} renamed` }).click();
  await expect(page.getByRole("list", { name: "Active filters" })).toContainText(
    `Role: ${name} renamed (deleted)`,
  );
  await expect(page.getByRole("row", { name: /Role created/ })).toContainText(name);
});
