// The header's links follow the server's claims on every client-side
// navigation, whatever page it leads to: the signed-in shell hands each
// render's claims to the browser from one place (app/(app)/@sync). Push is cut
// here, and the change comes from SQL, so only a navigation can tell the page.
import type { Page } from "@playwright/test";
import type { Permission } from "@/lib/permissions/catalogue";
import { PERSONAS } from "./config";
import { closeSql, createThrowawayUser, grantRole, revokeRole } from "./database";
import { expect, test } from "./fixtures";

test.afterAll(closeSql);

const mainNav = (page: Page) => page.getByRole("navigation", { name: "Main" });

/**
 * A new Editor, on the home page, that learns of nothing unless it navigates:
 * the event stream is cut. `sameDocument()` tells whether the document is
 * still the one loaded here (a full load would render the shell again).
 */
async function editorWithoutPush(signedInAs: (who: string) => Promise<Page>) {
  const user = await createThrowawayUser([PERSONAS.editor.role]);
  const page = await signedInAs(user.email);
  await page.route("**/api/me/events", (route) => route.abort());
  await page.goto("/");
  await expect(mainNav(page).getByRole("link", { name: "Reports" })).toBeVisible();
  await page.evaluate(() => ((window as { __sameDocument?: boolean }).__sameDocument = true));
  const sameDocument = () =>
    page.evaluate(() => (window as { __sameDocument?: boolean }).__sameDocument === true);
  return { user, page, sameDocument };
}

/** Waits until the server answers with `permission` present (or absent): the change has reached it. */
async function serverSees(page: Page, permission: Permission, present: boolean): Promise<void> {
  await expect
    .poll(
      async () => {
        const body = (await (await page.request.get("/api/me/permissions")).json()) as {
          permissions: string[];
        };
        return body.permissions.includes(permission);
      },
      { timeout: 10_000 },
    )
    .toBe(present);
}

test("a role granted in SQL: the next client-side navigation brings the Admin link", async ({
  signedInAs,
}) => {
  const { user, page, sameDocument } = await editorWithoutPush(signedInAs);
  await expect(mainNav(page).getByRole("link", { name: "Admin" })).toHaveCount(0);

  await grantRole(user.id, PERSONAS.admin.role);
  await serverSees(page, "users.read", true);
  await mainNav(page).getByRole("link", { name: "Reports" }).click();
  await expect(page).toHaveURL(/\/reports$/);
  await expect(mainNav(page).getByRole("link", { name: "Admin" })).toBeVisible();
  expect(await sameDocument(), "a client-side navigation, not a full load").toBe(true);
});

test("a role revoked in SQL: navigating to the refused page says why, and the header drops its link", async ({
  signedInAs,
}) => {
  const { user, page, sameDocument } = await editorWithoutPush(signedInAs);

  await revokeRole(user.id, PERSONAS.editor.role);
  await serverSees(page, "reports.read", false);
  await mainNav(page).getByRole("link", { name: "Reports" }).click();
  await expect(page).toHaveURL(/\/reports$/);
  await expect(page.getByRole("main").getByRole("alert")).toContainText("reports.read");
  await expect(mainNav(page).getByRole("link", { name: "Reports" })).toHaveCount(0);
  expect(await sameDocument(), "a client-side navigation, not a full load").toBe(true);
});
