// e2e: on PGlite too (admin writes through the dashboard)
// What the admin changes in the dashboard reaches the affected user on their
// next request, with both browsers open side by side. Each test creates its
// own users through the UI, so these run beside other specs; the changes to
// the demo roles are in admin-demo-roles.spec.ts.
import type { Page } from "@playwright/test";
import { createUserInUi, localInputValue, mainNav, openUser, uniqueEmail } from "./admin-support";
import { PERSONAS } from "./config";
import { expect, test } from "./fixtures";
import { expectSignInPage } from "./support";

const reportsLink = (page: Page) => mainNav(page).getByRole("link", { name: "Reports" });

/** The user's next request: a client-side navigation through the header, as a person would click. */
async function navigateHome(page: Page) {
  await mainNav(page).getByRole("link", { name: "Home" }).click();
  await expect(page.getByRole("heading", { name: /Signed in as/ })).toBeVisible();
}

test("admin grants Editor while the user's browser is open; the next navigation shows Reports; revoking takes it away", async ({
  signedInAs,
}) => {
  const admin = await signedInAs("admin");
  const email = uniqueEmail("grantee");
  await createUserInUi(admin, { email, name: "Greta Grantee", role: "Viewer" });
  const user = await signedInAs(email);
  await user.goto("/");
  await expect(reportsLink(user)).toHaveCount(0);

  await openUser(admin, email, "Greta Grantee");
  const add = admin.getByRole("form", { name: "Add a role" });
  await add.getByLabel("Role", { exact: true }).selectOption({ label: "Editor" });
  await add.getByRole("button", { name: "Add role" }).click();
  await expect(add.getByRole("status")).toHaveText("Editor granted to Greta Grantee.");
  await expect(admin.getByRole("row", { name: /reports\.read/ })).toContainText("Editor");

  await navigateHome(user);
  await expect(reportsLink(user)).toBeVisible();
  await reportsLink(user).click();
  await expect(user.getByRole("table")).toBeVisible();

  await admin.getByRole("button", { name: "Remove Editor" }).click();
  await admin.getByRole("button", { name: "Yes, remove" }).click();
  await expect(admin.getByText("Editor removed from Greta Grantee.")).toBeVisible();

  await user.reload();
  await expect(user.getByRole("heading", { name: "Not allowed" })).toBeVisible();
  await expect(reportsLink(user)).toHaveCount(0);
});

test("a grant with an end date ends by itself, without anyone changing anything", async ({ signedInAs }) => {
  test.setTimeout(60_000);
  const admin = await signedInAs("admin");
  const email = uniqueEmail("temp");
  await createUserInUi(admin, { email, name: "Tim Temporary" });
  const user = await signedInAs(email);

  await openUser(admin, email, "Tim Temporary");
  const add = admin.getByRole("form", { name: "Add a role" });
  await add.getByLabel("Role", { exact: true }).selectOption({ label: "Editor" });
  await add.getByLabel(/Ends/).fill(await localInputValue(admin, 12_000));
  const endsAt = Date.now() + 12_000;
  await add.getByRole("button", { name: "Add role" }).click();
  await expect(add.getByRole("status")).toHaveText(/^Editor granted to Tim Temporary until .+ UTC\.$/);

  await user.goto("/reports");
  await expect(user.getByRole("table")).toBeVisible();
  // Wait for the end itself, seen by another session of the user, then reload once.
  const other = await signedInAs(email);
  await expect
    .poll(async () => (await other.request.get("/api/reports")).status(), { timeout: 30_000 })
    .toBe(403);
  expect(Date.now()).toBeGreaterThanOrEqual(endsAt - 1_000);
  await user.reload();
  await expect(user.getByRole("heading", { name: "Not allowed" })).toBeVisible();

  await admin.reload();
  await expect(admin.getByRole("row", { name: /Editor/ }).first()).toContainText("Ended");
});

test("sign out everywhere, and disable, end the user's session on their next request", async ({
  signedInAs,
}) => {
  const admin = await signedInAs("admin");
  const email = uniqueEmail("leaver");
  await createUserInUi(admin, { email, name: "Lee Leaver", role: "Viewer" });
  const user = await signedInAs(email);
  await user.goto("/");
  await expect(user.getByTestId("user-email")).toHaveText(email);

  await openUser(admin, email, "Lee Leaver");
  await admin.getByRole("button", { name: "Sign out everywhere" }).click();
  await admin.getByRole("button", { name: "Yes, sign out everywhere" }).click();
  await expect(admin.getByText("Every session of Lee Leaver ends on its next request.")).toBeVisible();
  await user.reload();
  await expectSignInPage(user);

  // Signed in again, then disabled: out again, and cannot come back until enabled.
  const again = await signedInAs(email);
  await again.goto("/");
  await admin.getByRole("button", { name: "Disable account" }).click();
  await admin.getByRole("button", { name: "Yes, disable" }).click();
  await expect(admin.getByText("Lee Leaver is disabled and signed out on their next request.")).toBeVisible();
  await again.reload();
  await expectSignInPage(again);
  await admin.getByRole("button", { name: "Enable account" }).click();
  await expect(admin.getByText("Lee Leaver can sign in again.")).toBeVisible();
});

test("validation errors are shown next to their fields, and nothing is created", async ({ signedInAs }) => {
  const admin = await signedInAs("admin");
  await admin.goto("/admin/users");
  const form = admin.getByRole("form", { name: "Create user" });
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

  await form.getByLabel("Email").fill(PERSONAS.admin.email);
  await form.getByLabel("Initial password").fill("long-enough-1");
  await form.getByRole("button", { name: "Create user" }).click();
  await expect(form.getByLabel("Email")).toHaveAccessibleDescription("A user with this email already exists");
  await expect(form.getByRole("status")).toHaveText("A user with this email already exists");

  await admin.goto("/admin/roles");
  const role = admin.getByRole("form", { name: "Create role" });
  await role.getByLabel("Name").fill("editor");
  await role.getByRole("button", { name: "Create role" }).click();
  await expect(role.getByLabel("Name")).toHaveAccessibleDescription("A role with this name already exists");

  await openUser(admin, PERSONAS.viewer.email, PERSONAS.viewer.name);
  const add = admin.getByRole("form", { name: "Add a role" });
  await add.getByLabel("Role", { exact: true }).selectOption({ label: "Editor" });
  await add.getByLabel(/Ends/).fill(await localInputValue(admin, -3_600_000));
  await add.getByRole("button", { name: "Add role" }).click();
  await expect(add.getByLabel(/Ends/)).toHaveAccessibleDescription(/Choose a time in the future$/);
  await expect(admin.getByRole("button", { name: "Remove Editor" })).toHaveCount(0);
});
