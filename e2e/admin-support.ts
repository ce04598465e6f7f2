// Helpers for the admin dashboard specs: a signed-in admin page, throwaway
// users the admin creates through the UI, and a browser signed in as them.
import { readdirSync } from "node:fs";
import path from "node:path";
import { type Browser, type BrowserContext, expect, type Page } from "@playwright/test";
import { storageStatePath } from "./config";
import { signInByApi } from "./support";

export const THROWAWAY_PASSWORD = "throwaway-pass-1";

let counter = 0;

/** An email no other run or test uses. */
export function uniqueEmail(label: string): string {
  return `${label}-${Date.now().toString(36)}-${++counter}@e2e.example.test`;
}

export async function adminPage(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ storageState: storageStatePath("admin") });
  return { context, page: await context.newPage() };
}

/** Creates a user through the Users page's form, as an admin would. */
export async function createUserInUi(page: Page, user: { email: string; name: string; role?: string }) {
  await page.goto("/admin/users");
  const form = page.getByRole("form", { name: "Create user" });
  await form.getByLabel("Email").fill(user.email);
  await form.getByLabel("Name").fill(user.name);
  await form.getByLabel("Initial password").fill(THROWAWAY_PASSWORD);
  if (user.role) await form.getByLabel("First role (optional)").selectOption({ label: user.role });
  await form.getByRole("button", { name: "Create user" }).click();
  await expect(form.getByRole("status")).toHaveText(`Created ${user.name} (${user.email}).`);
}

/** Opens a user's detail page by searching for their email. */
export async function openUser(page: Page, email: string, name: string) {
  await page.goto(`/admin/users?q=${encodeURIComponent(email)}`);
  await page.getByRole("link", { name, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
}

/** A separate browser signed in as this user through next-auth's API, as the specs' personas are. */
export async function signedInBrowser(browser: Browser, email: string, password = THROWAWAY_PASSWORD) {
  const context = await browser.newContext();
  expect((await signInByApi(context.request, email, password)).ok()).toBe(true);
  return { context, page: await context.newPage() };
}

export const mainNav = (page: Page) => page.getByRole("navigation", { name: "Main" });

/** A datetime-local value (the browser's local time) `ms` milliseconds from now. */
export async function localInputValue(page: Page, fromNowMs: number): Promise<string> {
  return page.evaluate((at) => {
    const d = new Date(at);
    const pad = (n: number) => String(n).padStart(2, "0");
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  }, Date.now() + fromNowMs);
}

/** Every admin page in the code, as a URL pattern: app/(app)/admin/**\/page.tsx. */
export function adminPageRoutes(): string[] {
  const root = path.resolve("app/(app)/admin");
  return (readdirSync(root, { recursive: true }) as string[])
    .filter((f) => path.basename(f) === "page.tsx")
    .map((f) => {
      const dir = path.dirname(f).split(path.sep).join("/");
      return dir === "." ? "/admin" : `/admin/${dir}`;
    })
    .sort();
}

/** Fills dynamic segments with real ids, found through the admin's own pages. */
export async function adminPageUrls(page: Page): Promise<string[]> {
  await page.goto("/admin/users?q=viewer%40example.com");
  const userHref = await page.getByRole("link", { name: "Vera Viewer", exact: true }).getAttribute("href");
  await page.goto("/admin/roles");
  const roleHref = await page.getByRole("link", { name: "Editor", exact: true }).getAttribute("href");
  const ids: Record<string, string> = {
    "/admin/users/[id]": userHref!,
    "/admin/roles/[id]": roleHref!,
  };
  return adminPageRoutes().map((route) => {
    if (!route.includes("[")) return route;
    const url = ids[route];
    if (!url)
      throw new Error(`No id to fill ${route} with: add one to adminPageUrls() in e2e/admin-support.ts`);
    return url;
  });
}
