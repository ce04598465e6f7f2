// The one way specs get a browser: `signedInAs(who)` for a signed-in page,
// `anonymous()` for a page with no session. Every context they open is
// closed when the test ends, passed or failed. Demo personas reuse the
// sign-in saved by auth.setup.ts; any other email signs in through
// next-auth's API. `pageUrls` gives every page of the page table
// (lib/navigation.ts) as a URL, dynamic segments filled with real ids.
import { type Browser, type BrowserContext, test as base, expect, type Page } from "@playwright/test";
import { PAGES, type PageRoute } from "@/lib/navigation";
import { PASSWORD, PERSONAS, type Persona, storageStatePath } from "./config";
import { signInByApi } from "./support";

export { expect };

/** A demo persona ("admin", "editor", "viewer") or the email of any user (password: the demo one unless given). */
export type Who = Persona | string;

type TestFixtures = {
  signedInAs: (who: Who, password?: string) => Promise<Page>;
  anonymous: () => Promise<Page>;
};

type WorkerFixtures = { pageUrls: Record<PageRoute, string> };

const isPersona = (who: Who): who is Persona => Object.hasOwn(PERSONAS, who);

async function signedInContext(browser: Browser, who: Who, password = PASSWORD): Promise<BrowserContext> {
  if (isPersona(who) && password === PASSWORD)
    return browser.newContext({ storageState: storageStatePath(who) });
  const context = await browser.newContext();
  const response = await signInByApi(context.request, who, password);
  if (!response.ok()) {
    await context.close();
    throw new Error(`signing in as ${who} answered ${response.status()}`);
  }
  return context;
}

/** How to reach a page with a dynamic segment: one real id, found through the admin's own pages. */
const DYNAMIC: Partial<Record<PageRoute, (admin: Page) => Promise<string>>> = {
  "/admin/users/[id]": async (admin) => {
    await admin.goto(`/admin/users?q=${encodeURIComponent(PERSONAS.viewer.email)}`);
    return hrefOf(admin, PERSONAS.viewer.name);
  },
  "/admin/roles/[id]": async (admin) => {
    await admin.goto("/admin/roles");
    return hrefOf(admin, PERSONAS.editor.role);
  },
};

async function hrefOf(page: Page, linkName: string): Promise<string> {
  const href = await page.getByRole("link", { name: linkName, exact: true }).getAttribute("href");
  if (!href) throw new Error(`no link named ${linkName} on ${page.url()}`);
  return href;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  signedInAs: async ({ browser }, provide) => {
    const contexts: BrowserContext[] = [];
    await provide(async (who, password) => {
      const context = await signedInContext(browser, who, password);
      contexts.push(context);
      return context.newPage();
    });
    await Promise.all(contexts.map((context) => context.close()));
  },

  anonymous: async ({ browser }, provide) => {
    const contexts: BrowserContext[] = [];
    await provide(async () => {
      const context = await browser.newContext();
      contexts.push(context);
      return context.newPage();
    });
    await Promise.all(contexts.map((context) => context.close()));
  },

  pageUrls: [
    async ({ browser }, provide) => {
      const context = await signedInContext(browser, "admin");
      const admin = await context.newPage();
      const urls = {} as Record<PageRoute, string>;
      try {
        for (const route of Object.keys(PAGES) as PageRoute[]) {
          if (!route.includes("[")) urls[route] = route;
          else {
            const find = DYNAMIC[route];
            if (!find) throw new Error(`No id to fill ${route} with: add one to DYNAMIC in e2e/fixtures.ts`);
            urls[route] = await find(admin);
          }
        }
      } finally {
        await context.close();
      }
      await provide(urls);
    },
    { scope: "worker" },
  ],
});
