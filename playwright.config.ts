import { existsSync, readdirSync, readFileSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";
import {
  BASE_URL,
  E2E_DATABASE,
  E2E_DATABASE_URL,
  E2E_SECRET,
  OIDC_CLIENT,
  OIDC_ISSUER,
  PORT,
  RUN_ID,
} from "./e2e/config";

/**
 * An explicit path, else Debian's headless shell, else Debian's Chromium, else
 * Playwright's own browser. The headless shell is the browser Playwright itself
 * runs headless: on a 2-core machine the browser tests take about 40 % less CPU
 * in it than in the full Chromium (docs/TESTING.md#time).
 */
function chromiumPath(): string | undefined {
  if (process.env.PLAYWRIGHT_CHROMIUM_PATH) return process.env.PLAYWRIGHT_CHROMIUM_PATH;
  return ["/usr/bin/chromium-headless-shell", "/usr/bin/chromium"].find((path) => existsSync(path));
}

const serverEnv: Record<string, string> = {
  PORT: String(PORT),
  NODE_ENV: "production",
  NEXTAUTH_URL: BASE_URL,
  NEXTAUTH_SECRET: E2E_SECRET,
  // A production build that keeps its mail in the dev mailbox, so the reset spec can read the link
  // (lib/env.ts allows this only for a server on 127.0.0.1 or localhost).
  MAIL_DEV_MAILBOX: "true",
  // Anyone may create an account (verified by mail), so e2e/accounts.spec.ts can sign up; invitations work in every mode.
  AUTH_SIGN_UP: "open",
  // The admin pages are tested at the size they must handle (e2e/admin-scale.spec.ts, PostgreSQL pass).
  E2E_BULK_USERS: process.env.E2E_BULK_USERS ?? (E2E_DATABASE === "postgres" ? "10000" : "0"),
  // Sign-in with OpenID Connect against the suite's own issuer (e2e/oidc-issuer.ts, e2e/oidc-sign-in.spec.ts).
  AUTH_OIDC_ISSUER: OIDC_ISSUER,
  AUTH_OIDC_CLIENT_ID: OIDC_CLIENT.id,
  AUTH_OIDC_CLIENT_SECRET: OIDC_CLIENT.secret,
  AUTH_OIDC_NAME: OIDC_CLIENT.name,
  ...(E2E_DATABASE_URL ? { DATABASE_URL: E2E_DATABASE_URL } : { PGLITE_DIR: `.data/e2e-${RUN_ID}` }),
};

const SPECS = readdirSync("e2e").filter((file) => file.endsWith(".spec.ts"));

/** The specs whose text holds `marker` (a line in their header). */
function specsMarked(marker: string): string[] {
  return SPECS.filter((file) => readFileSync(`e2e/${file}`, "utf8").includes(marker));
}

/**
 * The PGlite pass proves that the app's default database works in the
 * browser: sign-in, the headline demo, admin writes and the event stream.
 * Its specs carry this line; every spec runs in the PostgreSQL pass, where
 * specs may also change data with SQL from the test (e2e/database.ts) and
 * start second instances, which a PGlite database (inside the server
 * process) cannot allow.
 */
const ON_PGLITE_TOO = "// e2e: on PGlite too";

/**
 * Specs that change what other specs rely on (the demo roles, the server's
 * memory, its database connections, the user count) or load the machine
 * (a second `next dev`): they run one at a time, after the others. Every
 * other spec makes its own users and data, so specs run in parallel workers.
 */
const SERIAL = "// e2e: serial";

const inThisPass = E2E_DATABASE === "pglite" ? specsMarked(ON_PGLITE_TOO) : SPECS;
const serial = specsMarked(SERIAL);
const globs = (files: string[]) => files.map((file) => `**/${file}`);

export default defineConfig({
  testDir: "e2e",
  // One folder per database, so the second pass of `npm run test:e2e` keeps the first one's traces.
  outputDir: `test-results/${E2E_DATABASE}`,
  // Files are spread over the workers; the tests of one file run in order in one worker.
  fullyParallel: false,
  workers: Number(process.env.E2E_WORKERS) || 3,
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
    {
      name: "chromium",
      use: { ...devices["Desktop Chrome"] },
      testMatch: globs(inThisPass.filter((file) => !serial.includes(file))),
      dependencies: ["setup"],
    },
    {
      name: "serial",
      use: { ...devices["Desktop Chrome"] },
      testMatch: globs(inThisPass.filter((file) => serial.includes(file))),
      workers: 1,
      // After the parallel project, so nothing else runs meanwhile.
      dependencies: ["chromium"],
    },
    // The images of docs/ADMIN.md, only when asked for (npm run screenshots), never in the test run.
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
  webServer: [
    {
      // The OpenID Connect issuer first: the app reads its discovery document at the first sign-in.
      command: "npx tsx e2e/oidc-issuer.ts",
      url: `${OIDC_ISSUER}/.well-known/openid-configuration`,
      timeout: 60_000,
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "pipe",
    },
    {
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
  ],
});
