// README's headline demo and what an admin reads about organization members:
// a member's roles and permissions show on the users list and on their page,
// place by place; a global Viewer of the demo organization given Editor ends
// on that organization's reports; no Export is offered with nothing to export.
import type { Page } from "@playwright/test";
import { mainNav } from "./admin-support";
import { addMembership, createThrowawayMember, createThrowawayUser } from "./database";
import { expect, test } from "./fixtures";

const reportsLink = (page: Page) => mainNav(page).getByRole("link", { name: "Reports" });

test("a member's memberships and per-place permissions show on the users list and on her page", async ({
  signedInAs,
}) => {
  const member = await createThrowawayMember([
    ["acme", "Editor"],
    ["globex", "Viewer"],
  ]);
  const name = `Temp ${member.id}`;
  const admin = await signedInAs("admin");
  await admin.goto(`/admin/users?q=${encodeURIComponent(member.email)}`);
  const row = admin.getByRole("row", { name: new RegExp(name) });
  await expect(row.getByRole("list", { name: `Roles of ${name}` }).getByRole("listitem")).toHaveText([
    "Editor in Acme",
    "Viewer in Globex",
  ]);
  await expect(row.getByRole("list", { name: `Permissions of ${name}` }).getByRole("listitem")).toHaveText([
    "Acme: reports.read, reports.export",
    "Globex: none",
  ]);

  await row.getByRole("link", { name, exact: true }).click();
  await expect(admin.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(admin.getByText("No permissions: this user can sign in, and nothing more.")).toHaveCount(0);
  const memberships = admin.getByRole("region", { name: "Organizations" });
  await expect(memberships).toContainText("Editor in Acme");
  await expect(memberships).toContainText("Viewer in Globex");
  const inAcme = admin.getByRole("region", { name: "Effective permissions in Acme" });
  await expect(inAcme.getByRole("rowheader")).toHaveText(["reports.read", "reports.export"]);
  await expect(inAcme.getByRole("row", { name: /reports\.export/ })).toContainText("Editor");
  await expect(admin.getByText("None: no role grants a permission in Globex.")).toBeVisible();
});

test("README's demo ends on rows: a global Viewer of the demo organization is given Editor and reads its reports", async ({
  signedInAs,
  apiAs,
}) => {
  // The seed gives Vera somewhere to read reports: the demo organization.
  const vera = await (await apiAs("viewer")).get("/api/me/permissions");
  expect((await vera.json()).organization).toMatchObject({ slug: "example", name: "Example Co" });

  // A user set up as the seed sets up Vera, so that no other test sees the grant.
  const user = await createThrowawayUser(["Viewer"]);
  await addMembership(user.id, "example", "Viewer");
  const name = `Temp ${user.id}`;
  const viewer = await signedInAs(user.email);
  await viewer.goto("/");
  await expect(reportsLink(viewer)).toHaveCount(0);

  const admin = await signedInAs("admin");
  await admin.goto(`/admin/users?q=${encodeURIComponent(user.email)}`);
  await admin.getByRole("link", { name, exact: true }).click();
  const add = admin.getByRole("form", { name: "Add a role" });
  await add.getByLabel("Role", { exact: true }).selectOption({ label: "Editor" });
  await add.getByRole("button", { name: "Add role" }).click();
  await expect(add.getByRole("status")).toHaveText(`Editor granted to ${name}.`);

  await expect(reportsLink(viewer)).toBeVisible();
  await reportsLink(viewer).click();
  await expect(viewer.getByTestId("reports-organization")).toHaveText("Organization: Example Co");
  await expect(viewer.getByRole("row", { name: /Example Co quarterly revenue/ })).toHaveCount(3);
  await expect(viewer.getByRole("button", { name: "Export CSV" })).toBeVisible();
});

test("nothing to export, no Export button: a global Editor in no organization", async ({ signedInAs }) => {
  const user = await createThrowawayUser(["Editor"]);
  const page = await signedInAs(user.email);
  await page.goto("/reports");
  await expect(page.getByTestId("reports-organization")).toContainText("No active organization");
  await expect(page.getByRole("cell", { name: "No reports to show." })).toBeVisible();
  await expect(page.getByRole("button", { name: "Export CSV" })).toHaveCount(0);
});
