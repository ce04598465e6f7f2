// e2e: serial (a second server, `next dev` on its own embedded database, compiling pages: it loads the whole machine)
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type RunningServer, startDevServer } from "../scripts/support/next-server";
import { expect, test } from "./fixtures";

// `npm run dev`, the first command of the README, as a newcomer runs it: the
// embedded database in a fresh directory, migrated and seeded, then `next dev`.
// `next dev` checks what `next build` does not (its route matching once
// answered /sign-in with 404 while every production test passed), so the
// newcomer's path is walked here: the sign-in page, a demo account filled in
// with one click, and the home page. In the PostgreSQL pass, serial (playwright.config.ts):
// it never touches the suite's own server or database.
test.describe.configure({ timeout: 300_000 });

let dev: RunningServer | undefined;
const dataDir = mkdtempSync(path.join(tmpdir(), "authz-dev-"));

test.beforeAll(async () => {
  dev = await startDevServer("npm run dev", {
    NODE_ENV: "development",
    DATABASE_URL: undefined,
    NEXTAUTH_SECRET: undefined,
    PGLITE_DIR: dataDir,
  });
});
test.afterAll(async () => {
  await dev?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

test("npm run dev: the sign-in page offers the demo accounts, and one click signs in", async ({
  browser,
}) => {
  const context = await browser.newContext({ baseURL: dev!.baseUrl });
  try {
    const page = await context.newPage();
    const first = await page.goto("/sign-in", { timeout: 120_000 });
    expect(first?.status()).toBe(200);
    await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
    await page
      .getByRole("group", { name: "Demo accounts (development)" })
      .getByRole("button", { name: "Editor" })
      .click(); // fills the form and submits it
    await expect(page).toHaveURL(`${dev!.baseUrl}/`, { timeout: 120_000 });
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible({ timeout: 120_000 });
    await expect(page.getByText("editor@example.com").first()).toBeVisible();
  } finally {
    await context.close();
  }
});
