// Each promise on its own layer, in the browser. The pages here are "pushless":
// the event stream is cut and BroadcastChannel does not exist, so nothing but
// the server's answer to the page's own request can update it. Each check is
// made once, on the first response after the change, with no retrying.
// The instance is known to have heard of a SQL change through ANOTHER client
// of the same user (firstAnswer), which leaves the page's own session alone.
import type { Page } from "@playwright/test";
import { createUserInUi, mainNav, openUser, uniqueEmail } from "./admin-support";
import { E2E_DATABASE_URL, PERSONAS } from "./config";
import {
  addMembership,
  closeSql,
  createThrowawayUser,
  grantRole,
  revokeRole,
  SQL_UNAVAILABLE,
  sql,
} from "./database";
import { expect, test } from "./fixtures";
import { firstAnswer } from "./support";

test.afterAll(closeSql);

const reportsLink = (page: Page) => mainNav(page).getByRole("link", { name: "Reports" });

/** Makes a fresh signed-in page one that only its own requests can update (no push, no tab channel). */
async function pushless(page: Page) {
  await page.context().addInitScript(() => {
    delete (window as { BroadcastChannel?: unknown }).BroadcastChannel;
  });
  await page.context().route("**/api/me/events", (route) => route.abort());
  const permissionReads: string[] = [];
  page.on("request", (r) => {
    if (new URL(r.url()).pathname === "/api/me/permissions") permissionReads.push(r.url());
  });
  return { page, permissionReads };
}

async function stampOf(userId: string): Promise<number> {
  const [row] = await sql<{ ms: string }>(
    `SELECT (extract(epoch FROM "permissionsUpdatedAt") * 1000)::bigint AS ms FROM "User" WHERE id = $1`,
    [userId],
  );
  return Number(row!.ms);
}

/** What one rendered response shows, read once (no auto-waiting). */
async function shown(page: Page) {
  return {
    reportsLink: await reportsLink(page).count(),
    table: await page.getByRole("table").count(),
    notAllowed: await page.getByRole("heading", { name: "Not allowed" }).count(),
  };
}

test.describe("changes made in SQL", () => {
  test.skip(!E2E_DATABASE_URL, `This spec ${SQL_UNAVAILABLE}`);

  test("a grant and a revocation in SQL: the first page response after each has them, with push cut", async ({
    signedInAs,
    apiAs,
  }) => {
    const user = await createThrowawayUser(["Viewer"]);
    const { page, permissionReads } = await pushless(await signedInAs(user.email));
    await page.goto("/");
    expect(await page.evaluate(() => typeof BroadcastChannel)).toBe("undefined");
    expect(await shown(page)).toMatchObject({ reportsLink: 0 });
    const other = await apiAs(user.email); // another client of the same user: has the instance heard?

    await grantRole(user.id, "Editor");
    await firstAnswer(200, () => other.get("/api/reports"));
    const reads = permissionReads.length;
    const granted = await page.goto("/reports");
    expect(granted!.status()).toBe(200);
    expect(Number(await granted!.headerValue("x-permissions-updated"))).toBe(await stampOf(user.id));
    expect(await granted!.headerValue("set-cookie")).toContain("next-auth.session-token=");
    expect(await shown(page)).toEqual({ reportsLink: 1, table: 1, notAllowed: 0 });

    await revokeRole(user.id, "Editor");
    await firstAnswer(403, () => other.get("/api/reports"));
    const revoked = await page.goto("/reports");
    expect(Number(await revoked!.headerValue("x-permissions-updated"))).toBe(await stampOf(user.id));
    expect(await shown(page)).toEqual({ reportsLink: 0, table: 0, notAllowed: 1 });
    expect(permissionReads.length, "the page never asked for its permissions").toBe(reads);
  });

  test("Export after reports.export is revoked in SQL: 403 with the new stamp, and the button goes without a navigation", async ({
    signedInAs,
    apiAs,
  }) => {
    const role = `Exporters ${Date.now().toString(36)}`;
    const [created] = await sql<{ id: string }>(
      `INSERT INTO "Role" (id, name) VALUES (gen_random_uuid()::text, $1) RETURNING id`,
      [role],
    );
    const roleId = created!.id;
    await sql(
      `INSERT INTO "RolePermission" ("roleId", permission) VALUES ($1, 'reports.read'), ($1, 'reports.export')`,
      [roleId],
    );
    const user = await createThrowawayUser([role]);
    // A Viewer of the demo organization, so that its reports are there to export (no rows, no Export).
    await addMembership(user.id, "example", "Viewer");
    const { page, permissionReads } = await pushless(await signedInAs(user.email));
    await page.goto("/reports");
    const exportButton = page.getByRole("button", { name: "Export CSV" });
    await expect(exportButton).toBeVisible();
    await page.evaluate(() => ((window as { sameDocument?: boolean }).sameDocument = true));
    const other = await apiAs(user.email); // another client of the same user: has the instance heard?

    await sql(`DELETE FROM "RolePermission" WHERE "roleId" = $1 AND permission = 'reports.export'`, [roleId]);
    await firstAnswer(403, () => other.get("/api/reports/export"));
    const reads = permissionReads.length;
    const answered = page.waitForResponse((r) => new URL(r.url()).pathname === "/api/reports/export");
    await exportButton.click();
    const response = await answered;
    expect(response.status()).toBe(403);
    expect(Number(await response.headerValue("x-permissions-updated"))).toBe(await stampOf(user.id));

    // Only the header can tell this page: it rereads its permissions and hides the button.
    await expect(exportButton).toHaveCount(0);
    expect(permissionReads.length).toBeGreaterThan(reads);
    expect(await page.evaluate(() => (window as { sameDocument?: boolean }).sameDocument)).toBe(true);
    expect(new URL(page.url()).pathname).toBe("/reports");
    await expect(page.getByRole("table")).toBeVisible();
  });

  test("/api/auth/session (what useSession reads) after a revocation, then after a disable", async ({
    apiAs,
  }) => {
    const user = await createThrowawayUser([PERSONAS.editor.role]);
    const reader = await apiAs(user.email);
    const watcher = await apiAs(user.email);
    const before = (await (await reader.get("/api/auth/session")).json()) as { permissions?: string[] };
    expect(before.permissions).toEqual(PERSONAS.editor.permissions);

    await revokeRole(user.id, "Editor");
    await firstAnswer(403, () => watcher.get("/api/reports"));
    const revoked = await reader.get("/api/auth/session");
    expect(await revoked.json()).toMatchObject({
      permissions: [],
      permissionsUpdatedAt: await stampOf(user.id),
    });

    await sql(`UPDATE "User" SET "disabledAt" = now() WHERE id = $1`, [user.id]);
    await firstAnswer(401, () => watcher.get("/api/reports"));
    const disabled = await reader.get("/api/auth/session");
    expect(await disabled.json()).toEqual({});
    const cleared = disabled.headersArray().filter((h) => h.name.toLowerCase() === "set-cookie");
    expect(cleared.map((h) => h.value).join("\n")).toMatch(/next-auth\.session-token=;/);
  });
});

test("after an admin removes a role in the app, the user's first request has it gone: no polling, no push", async ({
  signedInAs,
}) => {
  const admin = await signedInAs("admin");
  const email = uniqueEmail("layered");
  await createUserInUi(admin, { email, name: "Lara Layered", role: "Editor" });
  const { page } = await pushless(await signedInAs(email));
  await page.goto("/reports");
  expect(await shown(page)).toEqual({ reportsLink: 1, table: 1, notAllowed: 0 });

  await openUser(admin, email, "Lara Layered");
  await admin.getByRole("button", { name: "Remove Editor" }).click();
  await admin.getByRole("button", { name: "Yes, remove" }).click();
  await expect(admin.getByText("Editor removed from Lara Layered.")).toBeVisible();

  // The action answered only once this instance had heard of its change.
  await page.goto("/reports");
  expect(await shown(page)).toEqual({ reportsLink: 0, table: 0, notAllowed: 1 });
});
