// Switching the active organization moves the page once from the old claims
// to the new ones: the Reports link goes (or comes) exactly once, and no
// notice speaks of an administrator, since the user made the change. Every
// state the header and the notices pass through is recorded in the page by a
// MutationObserver, so a flicker between two renders cannot hide from the test.
// Mia is Editor in Acme (reports.read) and Viewer in Globex (none); her
// active organization belongs to this test's own session, so she is only read.
import type { Page, Request } from "@playwright/test";
import { expect, test } from "./fixtures";

type Seen = { reports: boolean; notices: string[] };

declare global {
  interface Window {
    __seen: Seen[];
  }
}

/** Records each distinct state of the Reports link and the notices, from the first paint on. */
function recordStates(page: Page) {
  return page.addInitScript(() => {
    window.__seen = [];
    const snapshot = (): Seen => ({
      reports: document.querySelector('nav[aria-label="Main"] a[href="/reports"]') !== null,
      notices: [...document.querySelectorAll('[data-testid="access-notices"] > *')].map((n) =>
        (n.textContent ?? "").replace(/Dismiss$/, "").trim(),
      ),
    });
    const record = () => {
      const now = snapshot();
      const last = window.__seen.at(-1);
      if (JSON.stringify(last) !== JSON.stringify(now)) window.__seen.push(now);
    };
    new MutationObserver(record).observe(document, { subtree: true, childList: true, characterData: true });
  });
}

const seen = (page: Page) => page.evaluate(() => window.__seen);

/** Keeps only the current state, so the next switch is judged on its own. */
const forget = (page: Page) => page.evaluate(() => void window.__seen.splice(0, window.__seen.length - 1));

/**
 * Switches in the header's menu, then waits for the last thing a switch brings: the server's
 * re-render of the page (router.refresh, an RSC request that is no prefetch). Chromium may report
 * that request aborted once Next has read it, so its end is either event.
 */
async function switchTo(page: Page, name: string) {
  await page.getByRole("button", { name: /Active organization/ }).click();
  const rerendered = new Promise<void>((done) => {
    let rerender: Request | null = null;
    const onRequest = (request: Request) => {
      const headers = request.headers();
      if (!rerender && headers["rsc"] === "1" && headers["next-router-prefetch"] === undefined)
        rerender = request;
    };
    const onEnd = (request: Request) => {
      if (request !== rerender) return;
      page.off("request", onRequest).off("requestfinished", onEnd).off("requestfailed", onEnd);
      done();
    };
    page.on("request", onRequest).on("requestfinished", onEnd).on("requestfailed", onEnd);
  });
  await page.getByRole("list", { name: "Organizations" }).getByRole("button", { name }).click();
  await rerendered;
  await expect(page.getByTestId("active-organization")).toHaveText(name);
  // React commits what it received within a frame or two.
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
}

/** The Reports link's presence, each change once: [true, false] is one transition. */
function transitions(states: Seen[]): boolean[] {
  return states.map((s) => s.reports).filter((reports, i, all) => i === 0 || reports !== all[i - 1]);
}

test("switching organizations: one transition of the Reports link each way, and no word of an administrator", async ({
  signedInAs,
}) => {
  const page = await signedInAs("mia@example.com");
  await recordStates(page);
  await page.goto("/reports");
  await expect(page.getByTestId("active-organization")).toHaveText("Acme");
  await expect(page.getByRole("table")).toContainText("Acme");
  await forget(page);

  await switchTo(page, "Globex");
  await expect(page.getByRole("heading", { name: "Not allowed" })).toBeVisible();
  const away = await seen(page);
  expect(transitions(away), JSON.stringify(away)).toEqual([true, false]);
  await forget(page);

  await switchTo(page, "Acme");
  // The refusal stays until a full load (app/(app)/forbidden.tsx), and offers the page.
  await expect(page.getByRole("heading", { name: "You can open this page now" })).toBeVisible();
  const back = await seen(page);
  expect(transitions(back), JSON.stringify(back)).toEqual([false, true]);
  expect(back.at(-1)?.notices).toEqual(["In Acme, you can open Reports."]);

  for (const state of [...away, ...back]) {
    expect(state.notices.join(" "), JSON.stringify(state)).not.toMatch(/administrator/i);
    expect(state.notices.filter((n) => n.includes("Reports")).length).toBeLessThanOrEqual(1);
  }
});
