import type { Page } from "@playwright/test";
import { createUserInUi, openUser, uniqueEmail } from "./admin-support";
import { PERSONAS } from "./config";
import { expect, test } from "./fixtures";

// Rights over people: a user manager (users.read and users.manage only) sees
// an admin's page without a single control that would change the admin's
// access, and is told why. On a viewer's page the same controls are there.

/** Every control that changes someone's roles or access on a user's page. */
function accessControls(page: Page) {
  const main = page.getByRole("main");
  return {
    "Remove a role": main.getByRole("button", { name: /^Remove / }),
    "Change end": main.getByText(/^Change end/),
    "Add a role": main.getByRole("form", { name: "Add a role" }),
    "Disable account": main.getByRole("button", { name: "Disable account" }),
    "Enable account": main.getByRole("button", { name: "Enable account" }),
    "Sign out everywhere": main.getByRole("button", { name: "Sign out everywhere" }),
  };
}

/** "a, b and c", as the refusal lists permissions. */
const listed = (items: readonly string[]) =>
  items.length < 2 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;

test("a user manager is offered no control on an admin's page, with the reason; on a viewer's page they are there", async ({
  signedInAs,
}) => {
  const managerPermissions = ["users.read", "users.manage"] as const;
  const admin = { page: await signedInAs("admin") };
  const role = `User managers ${Date.now().toString(36)}`;
  await admin.page.goto("/admin/roles");
  const create = admin.page.getByRole("form", { name: "Create role" });
  await create.getByLabel("Name").fill(role);
  await create.getByRole("button", { name: "Create role" }).click();
  await expect(create.getByRole("status")).toContainText(`Created the role ${role}.`);
  for (const permission of managerPermissions) {
    await admin.page.getByRole("checkbox", { name: `${role}: ${permission}` }).check();
    await expect(admin.page.getByText(`${role}: ${permission} granted.`)).toBeVisible();
  }
  const email = uniqueEmail("manager");
  await createUserInUi(admin.page, { email, name: "Max Manager", role });

  const manager = { page: await signedInAs(email) };
  const { name: adminName, email: adminEmail, permissions } = PERSONAS.admin;
  await openUser(manager.page, adminEmail, adminName);
  const missing = permissions.filter((p) => !(managerPermissions as readonly string[]).includes(p));
  await expect(manager.page.getByTestId("authority-notice")).toHaveText(
    `${adminName} holds ${listed(missing)}, which you do not hold: ` +
      `only someone holding all of ${adminName}'s permissions can change their access.`,
  );
  for (const [name, control] of Object.entries(accessControls(manager.page))) {
    await expect(control, `${name} on the admin's page`).toHaveCount(0);
  }
  // The page still shows the admin's roles and permissions: reading is allowed.
  const roles = manager.page.getByRole("region", { name: `Roles of ${adminName}` });
  await expect(roles.getByRole("rowheader", { name: PERSONAS.admin.role, exact: true })).toBeVisible();

  await openUser(manager.page, PERSONAS.viewer.email, PERSONAS.viewer.name);
  await expect(manager.page.getByTestId("authority-notice")).toHaveCount(0);
  const onViewer = accessControls(manager.page);
  for (const name of [
    "Remove a role",
    "Change end",
    "Add a role",
    "Disable account",
    "Sign out everywhere",
  ]) {
    await expect(onViewer[name as keyof typeof onViewer], `${name} on the viewer's page`).not.toHaveCount(0);
  }
});
