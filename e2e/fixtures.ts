// The one way specs get a browser: `signedInAs(who)` for a signed-in page,
// `anonymous()` for a page with no session, `apiAs(who)` for a signed-in API
// client without a browser (another device of the same user, another
// instance). Every context they open is closed when the test ends, passed or failed. Demo personas reuse the
// sign-in saved by auth.setup.ts; any other email signs in through
// next-auth's API. `pageUrls` gives every page of the page table
// (lib/navigation.ts) as a URL, dynamic segments filled with real ids.
import {
  type APIRequestContext,
  type Browser,
  type BrowserContext,
  test as base,
  expect,
  type Page,
  request as playwrightRequest,
} from "@playwright/test";
import { PAGES, type PageRoute } from "@/lib/navigation";
import { BASE_URL, PASSWORD, PERSONAS, type Persona, storageStatePath } from "./config";
import { signInByApi } from "./support";

export { expect };

/** A demo persona ("admin", "editor", "viewer") or the email of any user (password: the demo one unless given). */
export type Who = Persona | string;

type TestFixtures = {
  signedInAs: (who: Who, password?: string) => Promise<Page>;
  anonymous: () => Promise<Page>;
  /** who null: a client with no session (extraHTTPHeaders: what it claims about itself). */
  apiAs: (
    who: Who | null,
    options?: { baseURL?: string; password?: string; extraHTTPHeaders?: Record<string, string> },
  ) => Promise<APIRequestContext>;
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

/** The admin dashboard's pages, from the page table (a unit test holds it to app/(app)/admin/**\/page.tsx). */
export const ADMIN_ROUTES = (Object.keys(PAGES) as PageRoute[])
  .filter((route) => route.startsWith("/admin"))
  .sort();

/**
 * Pages with a dynamic segment reached through a chosen id (a page rich in
 * controls); any other one through the first link to it on its parent page.
 */
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

/** "/admin/things/[id]": the first link on /admin/things to /admin/things/<something>. */
async function firstLinkTo(admin: Page, route: PageRoute): Promise<string> {
  const parent = route.slice(0, route.lastIndexOf("/"));
  if (parent.includes("["))
    throw new Error(`No id to fill ${route} with: add one to DYNAMIC in e2e/fixtures.ts`);
  await admin.goto(parent);
  const pattern = new RegExp(`^${parent}/[^/?#]+$`);
  for (const href of await admin
    .locator("main a[href]")
    .evaluateAll((links) => links.map((a) => a.getAttribute("href"))))
    if (href && pattern.test(href)) return href;
  throw new Error(`No link to ${route} on ${parent}: add an id to DYNAMIC in e2e/fixtures.ts`);
}

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

  apiAs: async ({}, provide) => {
    const clients: APIRequestContext[] = [];
    await provide(async (who, { baseURL = BASE_URL, password = PASSWORD, extraHTTPHeaders } = {}) => {
      if (who === null) {
        const anonymous = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders });
        clients.push(anonymous);
        return anonymous;
      }
      // Signed in on the suite's server; the session cookie works on every instance (same secret).
      const signIn = await playwrightRequest.newContext({ baseURL: BASE_URL, extraHTTPHeaders });
      clients.push(signIn);
      const response = await signInByApi(signIn, who, password);
      if (!response.ok()) throw new Error(`signing in as ${who} answered ${response.status()}`);
      if (baseURL === BASE_URL) return signIn;
      const storageState = await signIn.storageState();
      const client = await playwrightRequest.newContext({ baseURL, storageState, extraHTTPHeaders });
      clients.push(client);
      return client;
    });
    await Promise.all(clients.map((client) => client.dispose()));
  },

  pageUrls: [
    async ({ browser }, provide) => {
      const context = await signedInContext(browser, "admin");
      const admin = await context.newPage();
      const urls = {} as Record<PageRoute, string>;
      try {
        for (const route of Object.keys(PAGES) as PageRoute[]) {
          if (!route.includes("[")) urls[route] = route;
          else urls[route] = await (DYNAMIC[route] ?? ((page) => firstLinkTo(page, route)))(admin);
        }
      } finally {
        await context.close();
      }
      await provide(urls);
    },
    { scope: "worker" },
  ],
});
