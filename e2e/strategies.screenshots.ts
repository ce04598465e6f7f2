// Saves the images of docs/STRATEGIES.md, "What the user sees" (npm run screenshots):
// for each AUTH_FRESHNESS mode, an instance of its own, a new Editor reading
// /reports there, and their Editor role deleted in SQL. Each image is the page at
// the moment the revoke takes effect on that mode, and the scenario fails when a
// mode does not behave as docs/STRATEGIES.md says. The time from the commit to
// that moment is printed per mode; it is one sample, not a benchmark.
import type { Browser, Page } from "@playwright/test";
import type { FreshnessMode } from "@/lib/auth/config";
import { startServer } from "../scripts/support/next-server";
import { E2E_DATABASE_URL, E2E_SECRET, PASSWORD } from "./config";
import { addMembership, closeSql, createThrowawayUser, revokeRole } from "./database";
import { expect, test } from "./fixtures";
import { expectSignInPage, signInByForm } from "./support";

/** lazy and short wait this long; short enough to watch, long enough to tell from "next request". */
const SECONDS = 5;
/** How long `off` is watched: well past SECONDS, and nothing may change. */
const OFF_WATCH_MS = 10_000;

test.describe.configure({ timeout: 120_000 });
test.afterAll(closeSql);

const reportsLink = (page: Page) =>
  page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Reports" });
const notAllowed = (page: Page) => page.getByRole("heading", { name: "Not allowed" });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Instance B for one mode: like e2e/second-instance.ts, which takes no extra variables. */
async function instanceFor(mode: FreshnessMode) {
  return startServer(`${mode} instance`, {
    NODE_ENV: "production",
    NEXTAUTH_SECRET: E2E_SECRET,
    DATABASE_URL: E2E_DATABASE_URL!,
    PGAPPNAME: `authz-e2e-strategy-${mode}`,
    AUTH_FRESHNESS: mode,
    AUTH_FRESHNESS_SECONDS: String(SECONDS),
  });
}

/**
 * A new Editor (who may read Example Co's reports), signed in through the
 * form on `baseURL`, on /reports with the event stream open: every way the
 * app has to tell the page of a change is in place before the revoke.
 */
async function editorOnReports(browser: Browser, baseURL: string) {
  const user = await createThrowawayUser(["Editor"]);
  await addMembership(user.id, "example", "Viewer");
  const context = await browser.newContext({
    baseURL,
    viewport: { width: 1000, height: 650 },
    colorScheme: "light",
  });
  const page = await context.newPage();
  await signInByForm(page, user.email, PASSWORD);
  await expect(page).not.toHaveURL(/\/sign-in/);
  const streaming = page.waitForResponse(
    (r) => new URL(r.url()).pathname === "/api/me/events" && r.status() === 200,
  );
  await page.goto("/reports");
  await expect(page.getByRole("table")).toBeVisible();
  await streaming;
  return { user, page, close: () => context.close() };
}

/** Reloads (as an impatient user would) until `done`; the time it first held, or null after `withinMs`. */
async function reloadUntil(page: Page, done: () => Promise<boolean>, withinMs: number) {
  const until = Date.now() + withinMs;
  while (Date.now() < until) {
    await page.reload();
    if (await done()) return Date.now();
    await sleep(100);
  }
  return null;
}

/** The page after one reload shows the refused page, or the reports (a page still being served). */
async function refusedAfterReload(page: Page): Promise<boolean> {
  await expect(page.getByRole("table").or(notAllowed(page))).toBeVisible();
  return notAllowed(page).isVisible();
}

/** What each mode must show, and the moment it shows it, in ms after the commit. */
const SCENARIOS: Record<FreshnessMode, (page: Page, revoke: () => Promise<number>) => Promise<number>> = {
  // Nothing tells the page, and a reload long after still serves the reports.
  off: async (page, revoke) => {
    const committedAt = await revoke();
    await sleep(OFF_WATCH_MS);
    await page.reload();
    await expect(page.getByRole("table")).toBeVisible();
    await expect(reportsLink(page)).toBeVisible();
    expect((await page.request.get("/api/reports")).status(), "the API serves the old claims too").toBe(200);
    return Date.now() - committedAt;
  },

  // The next request ends the session: the proxy clears the cookie and the page goes to sign-in.
  reauth: async (page, revoke) => {
    const committedAt = await revoke();
    // The instance hears of the commit through NOTIFY, a few ms later; a reload before that is still served.
    const at = await reloadUntil(page, async () => /\/sign-in/.test(page.url()), 3_000);
    expect(at, "a reload lands on the sign-in page within 3 s").not.toBeNull();
    await expectSignInPage(page);
    // The page they land on says why, instead of promising what this mode does not keep.
    await expect(page.getByRole("note")).toContainText("AUTH_FRESHNESS=reauth");
    expect((await page.request.get("/api/reports")).status(), "the session has ended").toBe(401);
    return at! - committedAt;
  },

  lazy: async (page, revoke) => bounded(page, revoke),
  short: async (page, revoke) => bounded(page, revoke),

  strict: async (page, revoke) => pushed(page, revoke),
  cached: async (page, revoke) => pushed(page, revoke),
};

/**
 * lazy and short: the claims are trusted for SECONDS after the last comparison
 * or rebuild. One is forced just before the revoke (a reload once SECONDS have
 * passed since sign-in), so the wait shown is the whole interval, the worst case.
 */
async function bounded(page: Page, revoke: () => Promise<number>): Promise<number> {
  await sleep(SECONDS * 1000 + 500);
  await page.reload();
  await expect(page.getByRole("table")).toBeVisible();
  const committedAt = await revoke();
  expect(await refusedAfterReload(page), "the next request is still served the reports").toBe(false);
  const at = await reloadUntil(page, () => refusedAfterReload(page), SECONDS * 1000 + 3_000);
  expect(at, `refused within ${SECONDS} s (+3 s for the reloads)`).not.toBeNull();
  await expect(reportsLink(page)).toHaveCount(0);
  // The refusal promises what this mode keeps: within the interval, not "your next request".
  await expect(page.getByRole("alert", { name: "Not allowed" })).toContainText(
    `It takes effect within ${SECONDS} s`,
  );
  return at! - committedAt;
}

/**
 * strict and cached: the event stream tells the open page, which re-renders
 * itself (no reload, no click) and says why. The moment is taken in the page,
 * on the first frame that shows both the notice and the refused page.
 */
async function pushed(page: Page, revoke: () => Promise<number>): Promise<number> {
  await page.evaluate(() => ((window as { __sameDocument?: boolean }).__sameDocument = true));
  const committedAt = await revoke();
  const shown = await page.waitForFunction(
    () => {
      const notice = document.querySelector('[data-testid="access-notices"]')?.textContent ?? "";
      const refused = document.getElementById("not-allowed-title") !== null;
      return notice.includes("Reports") && refused ? Date.now() : false;
    },
    undefined,
    { polling: "raf", timeout: 3_000 },
  );
  const at = (await shown.jsonValue()) as number;
  await expect(page.getByTestId("access-notices")).toContainText(
    "Your access to Reports was removed by an administrator.",
  );
  await expect(reportsLink(page)).toHaveCount(0);
  expect(
    await page.evaluate(() => (window as { __sameDocument?: boolean }).__sameDocument === true),
    "the page changed by itself, without a reload",
  ).toBe(true);
  return at - committedAt;
}

test.describe("strategies: what the user sees when their role is revoked", () => {
  for (const mode of Object.keys(SCENARIOS) as FreshnessMode[]) {
    test(`AUTH_FRESHNESS=${mode}`, async ({ browser }) => {
      const instance = await instanceFor(mode);
      try {
        const { user, page, close } = await editorOnReports(browser, instance.baseUrl);
        // The DELETE's answer comes after its commit: the time counts from there.
        const revoke = async () => {
          await revokeRole(user.id, "Editor");
          return Date.now();
        };
        try {
          const ms = await SCENARIOS[mode](page, revoke);
          await page.screenshot({ path: `docs/images/strategy-${mode}.png` });
          console.log(`strategy ${mode}: ${ms} ms from the commit to the screenshot's moment`);
          test.info().annotations.push({ type: "commit → shown", description: `${ms} ms` });
        } finally {
          await close();
        }
      } finally {
        await instance.stop();
      }
    });
  }
});
