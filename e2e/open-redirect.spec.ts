import type { Page } from "@playwright/test";
import { BASE_URL, PASSWORD, PERSONAS } from "./config";
import { expect, test } from "./fixtures";

// A sign-in link is something anyone can write: after signing in through the
// real form, the browser must still be on this app, whatever callbackUrl the
// link carried. Requests to any other origin are recorded and blocked.

/** Each hostile value, and the path on this app where the browser must end up. */
const HOSTILE: [value: string, lands: string][] = [
  ["//evil.example", "/"],
  ["/\\evil.example", "/"],
  ["/%5Cevil.example", "/%5Cevil.example"], // an encoded backslash is only a path here
  ["\\\\evil.example", "/"],
  ["https://evil.example", "/"],
  ["http:evil.example", "/evil.example"], // a relative path to a browser
  ["/\t/evil.example", "/"],
  ["javascript:alert(1)", "/"],
  ["/sign-in?callbackUrl=//evil.example", "/"],
];

async function watchForeignTraffic(page: Page): Promise<string[]> {
  const seen: string[] = [];
  await page.context().route(
    (url) => url.origin !== BASE_URL,
    (route) => {
      seen.push(route.request().url());
      return route.abort();
    },
  );
  page.on("dialog", (dialog) => {
    seen.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  return seen;
}

for (const [value, lands] of HOSTILE) {
  test(`signing in with callbackUrl ${JSON.stringify(value)} stays on the app`, async ({ page }) => {
    const foreign = await watchForeignTraffic(page);
    await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(value)}`);
    await page.getByLabel("Email").fill(PERSONAS.editor.email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((url) => url.pathname !== "/sign-in", { timeout: 15_000 });
    await page.waitForLoadState("load");
    expect(page.url()).toBe(`${BASE_URL}${lands}`);
    if (lands === "/")
      await expect(page.getByRole("heading", { name: `Signed in as ${PERSONAS.editor.name}` })).toBeVisible();
    expect(foreign).toEqual([]);
  });
}

test.describe("signed in", () => {
  test("opening /sign-in goes to a safe callback, or home, instead of the form", async ({ signedInAs }) => {
    const page = await signedInAs("admin");
    await page.goto("/sign-in?callbackUrl=%2Freports%3Fview%3Dall");
    await expect(page).toHaveURL(`${BASE_URL}/reports?view=all`);
    await expect(page.getByRole("heading", { name: "Reports" })).toBeVisible();

    const foreign = await watchForeignTraffic(page);
    await page.goto(`/sign-in?callbackUrl=${encodeURIComponent("/\\evil.example")}`);
    await expect(page).toHaveURL(`${BASE_URL}/`);
    await expect(page.getByRole("heading", { name: /Signed in as/ })).toBeVisible();
    expect(foreign).toEqual([]);
  });

  test("the redirect is the server's, before any form is rendered", async ({ signedInAs }) => {
    const page = await signedInAs("admin");
    const response = await page.request.get("/sign-in?callbackUrl=%2Fadmin%2Fusers", { maxRedirects: 0 });
    expect(response.status()).toBe(307);
    expect(response.headers()["location"]).toBe("/admin/users");
    const hostile = await page.request.get("/sign-in?callbackUrl=https%3A%2F%2Fevil.example", {
      maxRedirects: 0,
    });
    expect(hostile.status()).toBe(307);
    expect(hostile.headers()["location"]).toBe("/");
  });
});
