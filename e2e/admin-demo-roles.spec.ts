// e2e: on PGlite too (admin writes through the dashboard)
// e2e: serial (it changes the demo roles Editor and Admin, which other specs sign in with, and
// relies on the demo Admin being the last role that holds roles.manage)
// A change to a role reaches everyone who holds it on their next request,
// the admin included. Each change is put back at the end of its test.
import type { Page } from "@playwright/test";
import { mainNav, openUser } from "./admin-support";
import { PERSONAS } from "./config";
import { expect, test } from "./fixtures";

const reportsLink = (page: Page) => mainNav(page).getByRole("link", { name: "Reports" });

/** Unchecks `role: permission` in the matrix, runs `whileRemoved`, and grants it back whatever happened. */
async function withoutRolePermission(admin: Page, cellName: string, whileRemoved: () => Promise<void>) {
  await admin.goto("/admin/roles");
  const cell = admin.getByRole("checkbox", { name: cellName });
  try {
    await cell.uncheck();
    await expect(admin.getByText(`${cellName} removed.`)).toBeVisible();
    await whileRemoved();
  } finally {
    await admin.goto("/admin/roles");
    await cell.check();
    await expect(admin.getByText(`${cellName} granted.`)).toBeVisible();
  }
}

test("removing reports.read from Editor in the matrix: the editor loses Reports on the next request, the admin does not", async ({
  signedInAs,
}) => {
  const admin = await signedInAs("admin");
  const editorPage = await signedInAs("editor");
  await editorPage.goto("/reports");
  await expect(editorPage.getByRole("table")).toBeVisible();

  await withoutRolePermission(admin, "Editor: reports.read", async () => {
    await editorPage.reload();
    await expect(editorPage.getByRole("heading", { name: "Not allowed" })).toBeVisible();
    await expect(reportsLink(editorPage)).toHaveCount(0);

    await admin.goto("/reports");
    await expect(admin.getByRole("table")).toBeVisible();
  });
  await editorPage.reload();
  await expect(editorPage.getByRole("table")).toBeVisible();
});

test("the last holder of roles.manage keeps it, and nobody changes their own roles", async ({
  signedInAs,
}) => {
  const admin = await signedInAs("admin");
  await admin.goto("/admin/roles");
  const cell = admin.getByRole("checkbox", { name: "Admin: roles.manage" });
  await cell.click(); // not uncheck(): the box goes back once the server refuses
  await expect(admin.getByText(/Refused: nobody would be left who can manage roles/)).toBeVisible();
  await expect(cell).toBeChecked();
  await admin.reload();
  await expect(admin.getByRole("checkbox", { name: "Admin: roles.manage" })).toBeChecked();

  await openUser(admin, PERSONAS.admin.email, PERSONAS.admin.name);
  await expect(admin.getByText("This is your own account.")).toBeVisible();
  await expect(admin.getByRole("button", { name: "Remove Admin" })).toHaveCount(0);
  await expect(admin.getByRole("button", { name: "Disable account" })).toHaveCount(0);
});

test("the admin's own UI follows their access: removing audit.read from Admin hides the audit log on the next request", async ({
  signedInAs,
}) => {
  const admin = await signedInAs("admin");
  const other = await admin.context().newPage();
  await other.goto("/admin/audit");
  await expect(
    other.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Audit log" }),
  ).toBeVisible();

  await withoutRolePermission(admin, "Admin: audit.read", async () => {
    await other.reload();
    await expect(other.getByRole("heading", { name: "Not allowed" })).toBeVisible();
    await expect(
      other.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Audit log" }),
    ).toHaveCount(0);
  });
  await other.reload();
  await expect(other.getByRole("heading", { name: "Audit log", level: 1 })).toBeVisible();
});
