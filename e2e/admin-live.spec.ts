// What the admin changes in the dashboard reaches the affected user on their
// next request, with both browsers open side by side. Throwaway users are
// created through the UI; changes to the demo roles are put back at the end.
import { expect, type Page, test } from "@playwright/test";
import {
  adminPage,
  createUserInUi,
  localInputValue,
  mainNav,
  openUser,
  signedInBrowser,
  uniqueEmail,
} from "./admin-support";
import { storageStatePath } from "./config";
import { expectSignInPage } from "./support";

const reportsLink = (page: Page) => mainNav(page).getByRole("link", { name: "Reports" });

/** The user's next request: a client-side navigation through the header, as a person would click. */
async function navigateHome(page: Page) {
  await mainNav(page).getByRole("link", { name: "Home" }).click();
  await expect(page.getByRole("heading", { name: /Signed in as/ })).toBeVisible();
}

test("admin grants Editor while the user's browser is open; the next navigation shows Reports; revoking takes it away", async ({
  browser,
}) => {
  const admin = await adminPage(browser);
  const email = uniqueEmail("grantee");
  await createUserInUi(admin.page, { email, name: "Greta Grantee", role: "Viewer" });
  const user = await signedInBrowser(browser, email);
  await user.page.goto("/");
  await expect(reportsLink(user.page)).toHaveCount(0);

  await openUser(admin.page, email, "Greta Grantee");
  const add = admin.page.getByRole("form", { name: "Add a role" });
  await add.getByLabel("Role", { exact: true }).selectOption({ label: "Editor" });
  await add.getByRole("button", { name: "Add role" }).click();
  await expect(add.getByRole("status")).toHaveText("Editor granted to Greta Grantee.");
  await expect(admin.page.getByRole("row", { name: /reports\.read/ })).toContainText("Editor");

  await navigateHome(user.page);
  await expect(reportsLink(user.page)).toBeVisible();
  await reportsLink(user.page).click();
  await expect(user.page.getByRole("table")).toBeVisible();

  await admin.page.getByRole("button", { name: "Remove Editor" }).click();
  await admin.page.getByRole("button", { name: "Yes, remove" }).click();
  await expect(admin.page.getByText("Editor removed from Greta Grantee.")).toBeVisible();

  await user.page.reload();
  await expect(user.page.getByRole("heading", { name: "Not allowed" })).toBeVisible();
  await expect(reportsLink(user.page)).toHaveCount(0);
  await Promise.all([admin.context.close(), user.context.close()]);
});

test("removing reports.read from Editor in the matrix: the editor loses Reports on the next request, the admin does not", async ({
  browser,
}) => {
  const admin = await adminPage(browser);
  const editor = await browser.newContext({ storageState: storageStatePath("editor") });
  const editorPage = await editor.newPage();
  await editorPage.goto("/reports");
  await expect(editorPage.getByRole("table")).toBeVisible();

  await admin.page.goto("/admin/roles");
  const cell = admin.page.getByRole("checkbox", { name: "Editor: reports.read" });
  try {
    await cell.uncheck();
    await expect(admin.page.getByText("Editor: reports.read removed.")).toBeVisible();

    await editorPage.reload();
    await expect(editorPage.getByRole("heading", { name: "Not allowed" })).toBeVisible();
    await expect(reportsLink(editorPage)).toHaveCount(0);

    await admin.page.goto("/reports");
    await expect(admin.page.getByRole("table")).toBeVisible();
  } finally {
    await admin.page.goto("/admin/roles");
    await cell.check();
    await expect(admin.page.getByText("Editor: reports.read granted.")).toBeVisible();
  }
  await editorPage.reload();
  await expect(editorPage.getByRole("table")).toBeVisible();
  await Promise.all([admin.context.close(), editor.close()]);
});

test("a grant with an end date ends by itself, without anyone changing anything", async ({ browser }) => {
  test.setTimeout(60_000);
  const admin = await adminPage(browser);
  const email = uniqueEmail("temp");
  await createUserInUi(admin.page, { email, name: "Tim Temporary" });
  const user = await signedInBrowser(browser, email);

  await openUser(admin.page, email, "Tim Temporary");
  const add = admin.page.getByRole("form", { name: "Add a role" });
  await add.getByLabel("Role", { exact: true }).selectOption({ label: "Editor" });
  await add.getByLabel(/Ends/).fill(await localInputValue(admin.page, 12_000));
  const endsAt = Date.now() + 12_000;
  await add.getByRole("button", { name: "Add role" }).click();
  await expect(add.getByRole("status")).toHaveText(/^Editor granted to Tim Temporary until .+ UTC\.$/);

  await user.page.goto("/reports");
  await expect(user.page.getByRole("table")).toBeVisible();
  // Wait for the end itself, seen by another session of the user, then reload once.
  const other = await signedInBrowser(browser, email);
  await expect
    .poll(async () => (await other.context.request.get("/api/reports")).status(), { timeout: 30_000 })
    .toBe(403);
  expect(Date.now()).toBeGreaterThanOrEqual(endsAt - 1_000);
  await other.context.close();
  await user.page.reload();
  await expect(user.page.getByRole("heading", { name: "Not allowed" })).toBeVisible();

  await admin.page.reload();
  await expect(admin.page.getByRole("row", { name: /Editor/ }).first()).toContainText("Ended");
  await Promise.all([admin.context.close(), user.context.close()]);
});

test("sign out everywhere, and disable, end the user's session on their next request", async ({
  browser,
}) => {
  const admin = await adminPage(browser);
  const email = uniqueEmail("leaver");
  await createUserInUi(admin.page, { email, name: "Lee Leaver", role: "Viewer" });
  const user = await signedInBrowser(browser, email);
  await user.page.goto("/");
  await expect(user.page.getByTestId("user-email")).toHaveText(email);

  await openUser(admin.page, email, "Lee Leaver");
  await admin.page.getByRole("button", { name: "Sign out everywhere" }).click();
  await admin.page.getByRole("button", { name: "Yes, sign out everywhere" }).click();
  await expect(admin.page.getByText("Every session of Lee Leaver ends on its next request.")).toBeVisible();
  await user.page.reload();
  await expectSignInPage(user.page);

  // Signed in again, then disabled: out again, and cannot come back until enabled.
  const again = await signedInBrowser(browser, email);
  await again.page.goto("/");
  await admin.page.getByRole("button", { name: "Disable account" }).click();
  await admin.page.getByRole("button", { name: "Yes, disable" }).click();
  await expect(
    admin.page.getByText("Lee Leaver is disabled and signed out on their next request."),
  ).toBeVisible();
  await again.page.reload();
  await expectSignInPage(again.page);
  await admin.page.getByRole("button", { name: "Enable account" }).click();
  await expect(admin.page.getByText("Lee Leaver can sign in again.")).toBeVisible();
  await Promise.all([admin.context.close(), user.context.close(), again.context.close()]);
});

test("the last holder of roles.manage keeps it, and nobody changes their own roles", async ({ browser }) => {
  const admin = await adminPage(browser);
  await admin.page.goto("/admin/roles");
  const cell = admin.page.getByRole("checkbox", { name: "Admin: roles.manage" });
  await cell.click(); // not uncheck(): the box goes back once the server refuses
  await expect(admin.page.getByText(/Refused: nobody would be left who can manage roles/)).toBeVisible();
  await expect(cell).toBeChecked();
  await admin.page.reload();
  await expect(admin.page.getByRole("checkbox", { name: "Admin: roles.manage" })).toBeChecked();

  await openUser(admin.page, "admin@example.com", "Ada Admin");
  await expect(admin.page.getByText("This is your own account.")).toBeVisible();
  await expect(admin.page.getByRole("button", { name: "Remove Admin" })).toHaveCount(0);
  await expect(admin.page.getByRole("button", { name: "Disable account" })).toHaveCount(0);
  await admin.context.close();
});

test("the admin's own UI follows their access: removing audit.read from Admin hides the audit log on the next request", async ({
  browser,
}) => {
  const admin = await adminPage(browser);
  const other = await admin.context.newPage();
  await other.goto("/admin/audit");
  await expect(
    other.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Audit log" }),
  ).toBeVisible();

  await admin.page.goto("/admin/roles");
  const cell = admin.page.getByRole("checkbox", { name: "Admin: audit.read" });
  try {
    await cell.uncheck();
    await expect(admin.page.getByText("Admin: audit.read removed.")).toBeVisible();
    await other.reload();
    await expect(other.getByRole("heading", { name: "Not allowed" })).toBeVisible();
    await expect(
      other.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Audit log" }),
    ).toHaveCount(0);
  } finally {
    await admin.page.goto("/admin/roles");
    await cell.check();
    await expect(admin.page.getByText("Admin: audit.read granted.")).toBeVisible();
  }
  await other.reload();
  await expect(other.getByRole("heading", { name: "Audit log", level: 1 })).toBeVisible();
  await admin.context.close();
});

test("validation errors are shown next to their fields, and nothing is created", async ({ browser }) => {
  const admin = await adminPage(browser);
  await admin.page.goto("/admin/users");
  const form = admin.page.getByRole("form", { name: "Create user" });
  await form.getByLabel("Email").fill("not-an-email");
  await form.getByLabel("Name").fill("Nobody");
  await form.getByLabel("Initial password").fill("short");
  await form.getByRole("button", { name: "Create user" }).click();
  // Each error is tied to its field (aria-describedby), which is marked invalid.
  await expect(form.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByLabel("Email")).toHaveAccessibleDescription("Enter a valid email address");
  await expect(form.getByLabel("Initial password")).toHaveAccessibleDescription(/Use at least 8 characters$/);
  // What was typed is still there to correct.
  await expect(form.getByLabel("Name")).toHaveValue("Nobody");

  await form.getByLabel("Email").fill("admin@example.com");
  await form.getByLabel("Initial password").fill("long-enough-1");
  await form.getByRole("button", { name: "Create user" }).click();
  await expect(form.getByLabel("Email")).toHaveAccessibleDescription("A user with this email already exists");
  await expect(form.getByRole("status")).toHaveText("A user with this email already exists");

  await admin.page.goto("/admin/roles");
  const role = admin.page.getByRole("form", { name: "Create role" });
  await role.getByLabel("Name").fill("editor");
  await role.getByRole("button", { name: "Create role" }).click();
  await expect(role.getByLabel("Name")).toHaveAccessibleDescription("A role with this name already exists");

  await openUser(admin.page, "viewer@example.com", "Vera Viewer");
  const add = admin.page.getByRole("form", { name: "Add a role" });
  await add.getByLabel("Role", { exact: true }).selectOption({ label: "Editor" });
  await add.getByLabel(/Ends/).fill(await localInputValue(admin.page, -3_600_000));
  await add.getByRole("button", { name: "Add role" }).click();
  await expect(add.getByLabel(/Ends/)).toHaveAccessibleDescription(/Choose a time in the future$/);
  await expect(admin.page.getByRole("button", { name: "Remove Editor" })).toHaveCount(0);
  await admin.context.close();
});
