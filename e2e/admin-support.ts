// Helpers for the admin dashboard specs: throwaway users the admin creates
// through the UI (sign in as them with signedInAs(email), e2e/fixtures.ts),
// their pages, and the admin pages in the code.
import { readdirSync } from "node:fs";
import path from "node:path";
import { expect, type Page } from "@playwright/test";
import { PASSWORD } from "./config";

/** What throwaway users get: the demo password, so signedInAs(email) signs them in. */
export const THROWAWAY_PASSWORD = PASSWORD;

let counter = 0;

/** An email no other run or test uses. */
export function uniqueEmail(label: string): string {
  return `${label}-${Date.now().toString(36)}-${++counter}@e2e.example.test`;
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
