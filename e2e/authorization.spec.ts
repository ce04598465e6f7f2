// e2e: on PGlite too (the headline demo's roles, pages and APIs)
import { PERMISSIONS } from "@/lib/permissions/catalogue";
import { PERSONAS } from "./config";
import { expect, test } from "./fixtures";
import { expectSignInPage } from "./support";

test.describe("signed out", () => {
  test("pages redirect to sign-in and come back after", async ({ page }) => {
    await page.goto("/reports");
    await expectSignInPage(page);
    expect(new URL(page.url()).searchParams.get("callbackUrl")).toBe("/reports");
  });

  test("APIs answer 401 with a JSON error", async ({ request }) => {
    for (const path of ["/api/reports", "/api/me/permissions"]) {
      const response = await request.get(path);
      expect(response.status(), path).toBe(401);
      expect(await response.json()).toEqual({ error: expect.any(String) });
    }
  });
});

test.describe("viewer", () => {
  test("viewer gets the not-allowed state on /reports and no Reports link", async ({ signedInAs }) => {
    const page = await signedInAs("viewer");
    await page.goto("/reports");
    await expect(page.getByRole("heading", { name: "Not allowed" })).toBeVisible();
    await expect(page.getByRole("table")).toHaveCount(0);
    await expect(
      page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Reports" }),
    ).toHaveCount(0);
  });

  test("viewer gets 403 from GET /api/reports", async ({ signedInAs }) => {
    const { request } = await signedInAs("viewer");
    const response = await request.get("/api/reports");
    expect(response.status()).toBe(403);
    expect(await response.json()).toEqual({ error: "Missing permission: reports.read" });
  });
});

test.describe("editor", () => {
  test("editor sees the Reports link, the reports page and the API", async ({ signedInAs }) => {
    const page = await signedInAs("editor");
    const home = await page.goto("/");
    // Pages carry the permission stamp too, not only API responses.
    expect(Number(home?.headers()["x-permissions-updated"])).toBeGreaterThan(0);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Reports" }).click();
    await expect(page.getByRole("heading", { name: "Reports" })).toBeVisible();
    await expect(page.getByRole("table")).toBeVisible();
    const response = await page.request.get("/api/reports");
    expect(response.status()).toBe(200);
    // A global role, counted in the demo organization the seed makes Eddie a Viewer of.
    const body = await response.json();
    expect(body.organization).toBe("example");
    expect(body.reports).toHaveLength(3);
  });

  test("GET /api/me/permissions returns the documented shape and the stamp header", async ({
    signedInAs,
  }) => {
    const { request } = await signedInAs("editor");
    const response = await request.get("/api/me/permissions");
    expect(response.status()).toBe(200);
    const body = await response.json();
    const { email, name, roles, permissions } = PERSONAS.editor;
    expect(body).toEqual({
      user: { id: expect.any(String), email, name },
      roles,
      permissions,
      // A global role: every permission it holds counts on the platform too.
      globalPermissions: permissions,
      permissionsUpdatedAt: expect.any(Number),
      // A Viewer (nothing) of the demo organization: the global role decides what counts there.
      organization: { id: expect.any(String), slug: "example", name: "Example Co" },
      // When the session chose it (sign-in or a switch): the browser orders claims by it.
      organizationChosenAt: expect.any(Number),
      organizations: [{ id: expect.any(String), slug: "example", name: "Example Co", roles: ["Viewer"] }],
    });
    expect(response.headers()["x-permissions-updated"]).toBe(String(body.permissionsUpdatedAt));
  });
});

test.describe("admin", () => {
  test("admin holds every permission", async ({ signedInAs }) => {
    const { request } = await signedInAs("admin");
    const body = await (await request.get("/api/me/permissions")).json();
    expect(body.permissions).toEqual(PERMISSIONS);
    expect(body.roles).toEqual(PERSONAS.admin.roles);
  });
});
