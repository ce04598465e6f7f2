import { expect, test } from "@playwright/test";
import { PERSONAS, storageStatePath } from "./config";
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
  test.use({ storageState: storageStatePath("viewer") });

  test("viewer gets the not-allowed state on /reports and no Reports link", async ({ page }) => {
    await page.goto("/reports");
    await expect(page.getByRole("heading", { name: "Not allowed" })).toBeVisible();
    await expect(page.getByRole("table")).toHaveCount(0);
    await expect(
      page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Reports" }),
    ).toHaveCount(0);
  });

  test("viewer gets 403 from GET /api/reports", async ({ request }) => {
    const response = await request.get("/api/reports");
    expect(response.status()).toBe(403);
    expect(await response.json()).toEqual({ error: "Missing permission: reports.read" });
  });
});

test.describe("editor", () => {
  test.use({ storageState: storageStatePath("editor") });

  test("editor sees the Reports link, the reports page and the API", async ({ page, request }) => {
    const home = await page.goto("/");
    // Pages carry the permission stamp too, not only API responses.
    expect(Number(home?.headers()["x-permissions-updated"])).toBeGreaterThan(0);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Reports" }).click();
    await expect(page.getByRole("heading", { name: "Reports" })).toBeVisible();
    await expect(page.getByRole("table")).toBeVisible();
    const response = await request.get("/api/reports");
    expect(response.status()).toBe(200);
    expect((await response.json()).reports.length).toBeGreaterThan(0);
  });

  test("GET /api/me/permissions returns the documented shape and the stamp header", async ({ request }) => {
    const response = await request.get("/api/me/permissions");
    expect(response.status()).toBe(200);
    const body = await response.json();
    expect(body).toEqual({
      user: { id: expect.any(String), email: PERSONAS.editor.email, name: PERSONAS.editor.name },
      roles: ["Editor"],
      permissions: ["reports.read", "reports.export"],
      permissionsUpdatedAt: expect.any(Number),
    });
    expect(response.headers()["x-permissions-updated"]).toBe(String(body.permissionsUpdatedAt));
  });
});

test.describe("admin", () => {
  test.use({ storageState: storageStatePath("admin") });

  test("admin holds every permission", async ({ request }) => {
    const body = await (await request.get("/api/me/permissions")).json();
    expect(body.permissions).toHaveLength(6);
    expect(body.roles).toEqual(["Admin"]);
  });
});
