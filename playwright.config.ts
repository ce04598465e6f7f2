import { existsSync, readdirSync, readFileSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";
import { BASE_URL, E2E_DATABASE, E2E_DATABASE_URL, E2E_SECRET, PORT, RUN_ID } from "./e2e/config";

/** An explicit path, else Debian's Chromium when present, else Playwright's own browser. */
function chromiumPath(): string | undefined {
  if (process.env.PLAYWRIGHT_CHROMIUM_PATH) return process.env.PLAYWRIGHT_CHROMIUM_PATH;
  return existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined;
}

const serverEnv: Record<string, string> = {
  PORT: String(PORT),
  NODE_ENV: "production",
  NEXTAUTH_URL: BASE_URL,
  NEXTAUTH_SECRET: E2E_SECRET,
  // The admin pages are tested at the size the issue asks them to handle.
  E2E_BULK_USERS: process.env.E2E_BULK_USERS ?? "10000",
  ...(E2E_DATABASE_URL ? { DATABASE_URL: E2E_DATABASE_URL } : { PGLITE_DIR: `.data/e2e-${RUN_ID}` }),
};

/**
 * Specs that change data with SQL from the test (through e2e/database.ts) or
 * start a second instance on the same database: they need PostgreSQL, since a
 * PGlite database lives inside the server process. On PGlite they are left
 * out, not skipped; the PostgreSQL pass runs them.
 */
function specsNeedingPostgres(): string[] {
  return readdirSync("e2e").filter(
    (file) => file.endsWith(".spec.ts") && readFileSync(`e2e/${file}`, "utf8").includes('from "./database"'),
  );
}

/**
 * Specs whose subject does not depend on the database (the browser's side of
 * every page, `npm run dev` on its own embedded database): they run once, in
 * the PGlite pass, the database a newcomer starts with. They say so with this
 * line in their header.
 */
const PGLITE_PASS_ONLY = "// e2e: the PGlite pass only";

function specsForThePglitePassOnly(): string[] {
  return readdirSync("e2e").filter(
    (file) => file.endsWith(".spec.ts") && readFileSync(`e2e/${file}`, "utf8").includes(PGLITE_PASS_ONLY),
  );
}

export default defineConfig({
  testDir: "e2e",
  // `npm run dev` on its own embedded database once per run, in the pass of that database.
  testIgnore: (E2E_DATABASE === "pglite" ? specsNeedingPostgres() : specsForThePglitePassOnly()).map(
    (file) => `**/${file}`,
  ),
  // One folder per database, so the second pass of `npm run test:e2e` keeps the first one's traces.
  outputDir: `test-results/${E2E_DATABASE}`,
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: process.env.CI
    ? [["list"]]
    : [["list"], ["html", { open: "never", outputFolder: `playwright-report/${E2E_DATABASE}` }]],
  timeout: 30_000,
  use: {
    baseURL: BASE_URL,
    trace: "retain-on-failure",
    launchOptions: { executablePath: chromiumPath() },
  },
  projects: [
    { name: "setup", testMatch: /auth\.setup\.ts/ },
    { name: "chromium", use: { ...devices["Desktop Chrome"] }, dependencies: ["setup"] },
    // README images, only when asked for (npm run screenshots), never in the test run.
    ...(process.env.SCREENSHOTS === "1"
      ? [
          {
            name: "screenshots",
            testMatch: /screenshots\.ts/,
            use: { ...devices["Desktop Chrome"] },
            dependencies: ["setup"],
          },
        ]
      : []),
  ],
  webServer: {
    command: "npx tsx e2e/server.ts",
    url: `${BASE_URL}/api/health`,
    env: serverEnv,
    timeout: 120_000,
    reuseExistingServer: false,
    // SIGTERM (not SIGKILL) so e2e/server.ts can drop its database on the way out.
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
    stdout: "pipe",
    stderr: "pipe",
  },
});
