import { type APIRequestContext, expect, request as playwrightRequest, test } from "@playwright/test";
import { type EventStream, openEventStream, type ServerEvent } from "../scripts/support/event-stream";
import { BASE_URL } from "./config";
import { closeSql, createThrowawayUser, grantRole, sql } from "./database";
import { signInByApi } from "./support";

// Pushed changes: an open tab updates itself, with no navigation and no reload.
test.afterAll(closeSql);

const reportsLink = (page: import("@playwright/test").Page) =>
  page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Reports" });

test("every open tab of the user shows a granted role without any user action", async ({ browser }) => {
  const user = await createThrowawayUser(["Viewer"]);
  const context = await browser.newContext();
  expect((await signInByApi(context.request, user.email)).ok()).toBe(true);
  const tabs = [await context.newPage(), await context.newPage()];
  // The first tab holds the browser's one stream; it subscribes before it answers, so its
  // response means it will hear of the change.
  const connected = tabs[0]!.waitForResponse(
    (r) => new URL(r.url()).pathname === "/api/me/events" && r.status() === 200,
  );
  await tabs[0]!.goto("/");
  await connected;
  // The second tab queues for the stream (a Web Lock) and hears through the first.
  await tabs[1]!.goto("/");
  await expect
    .poll(() => tabs[1]!.evaluate(async () => (await navigator.locks.query()).pending?.length ?? 0))
    .toBe(1);
  for (const tab of tabs) await expect(reportsLink(tab)).toHaveCount(0);

  await grantRole(user.id, "Editor");
  for (const tab of tabs) {
    await expect(reportsLink(tab)).toBeVisible({ timeout: 2_000 });
    await expect(tab.getByRole("list", { name: "Permissions" })).toContainText("reports.read");
  }
  await context.close();
});

test("an open tab loses a time-bound grant the moment it ends, without any user action", async ({
  browser,
}) => {
  const user = await createThrowawayUser(["Viewer"]);
  await grantRole(user.id, "Editor", new Date(Date.now() + 3_000));
  const context = await browser.newContext();
  expect((await signInByApi(context.request, user.email)).ok()).toBe(true);
  const page = await context.newPage();
  await page.goto("/reports");
  await expect(page.getByRole("table")).toBeVisible();
  // Nothing is written when a grant ends: the event stream's own timer notices.
  await expect(page.getByRole("heading", { name: "Not allowed" })).toBeVisible({ timeout: 6_000 });
  await expect(reportsLink(page)).toHaveCount(0);
  await context.close();
});

/** Opens a stream and collects its events; `first` resolves with the first one (sent once subscribed). */
async function readEvents(url: string, cookie: string) {
  const events: ServerEvent[] = [];
  let firstSeen = () => {};
  const first = new Promise<void>((resolve) => (firstSeen = resolve));
  const stream = await openEventStream(url, cookie, (event) => {
    events.push(event);
    firstSeen();
  });
  expect(stream.status).toBe(200);
  expect(stream.contentType).toContain("text/event-stream");
  return { stream, events, first };
}

async function sessionCookie(request: APIRequestContext): Promise<string> {
  const state = await request.storageState();
  return state.cookies.map((c) => `${c.name}=${c.value}`).join("; ");
}

test("the event stream is refused when signed out, and ends with 'revoked' when the user is disabled", async () => {
  const anonymous = await fetch(`${BASE_URL}/api/me/events`);
  expect(anonymous.status).toBe(401);

  const user = await createThrowawayUser(["Viewer"]);
  const request = await playwrightRequest.newContext({ baseURL: BASE_URL });
  await signInByApi(request, user.email);
  const cookie = await sessionCookie(request);
  const { stream, events, first } = await readEvents(`${BASE_URL}/api/me/events`, cookie);
  await first; // subscribed: the disable below cannot slip past it
  await sql(`UPDATE "User" SET "disabledAt" = now() WHERE id = $1`, [user.id]);
  await stream.ended; // the server ends it (the test's timeout bounds the wait)
  stream.close();
  expect(events[0]?.event).toBe("permissions");
  expect(events.at(-1)?.event).toBe("revoked");
  expect(events.at(-1)?.data).toContain("user is disabled");
  await request.dispose();
});

test("the stream goes through proxy.ts like every API request, and is sent uncompressed as it is written", async () => {
  const user = await createThrowawayUser(["Viewer"]);
  const request = await playwrightRequest.newContext({ baseURL: BASE_URL });
  await signInByApi(request, user.email);
  const cookie = await sessionCookie(request);

  // A client that accepts compression still gets the bytes as written, with the headers proxies need.
  const abort = new AbortController();
  const response = await fetch(`${BASE_URL}/api/me/events`, {
    headers: { cookie, "accept-encoding": "gzip, deflate, br" },
    signal: abort.signal,
  });
  expect(response.status).toBe(200);
  expect(response.headers.get("content-encoding")).toBeNull();
  expect(response.headers.get("cache-control")).toContain("no-transform");
  expect(response.headers.get("x-accel-buffering")).toBe("no");
  expect(response.headers.get("x-permissions-updated")).toMatch(/^\d+$/);
  const first = await response.body!.getReader().read();
  expect(new TextDecoder().decode(first.value)).toMatch(/^retry: \d+/);
  abort.abort();

  // The proxy answers before the route: a disabled user's session is refused and its cookie cleared.
  await sql(`UPDATE "User" SET "disabledAt" = now() WHERE id = $1`, [user.id]);
  let refused: Response | undefined;
  await expect
    .poll(
      async () => {
        const answer = await fetch(`${BASE_URL}/api/me/events`, { headers: { cookie } });
        if (answer.status === 401) refused = answer;
        else await answer.body?.cancel(); // not refused yet: let this stream go
        return answer.status;
      },
      { timeout: 10_000 },
    )
    .toBe(401);
  expect(await refused!.json()).toEqual({ error: expect.stringMatching(/session has ended/i) });
  expect(refused!.headers.get("set-cookie")).toMatch(/next-auth\.session-token=;/);
  await request.dispose();
});

test("one LISTEN connection serves every open stream of the instance", async () => {
  const streams: EventStream[] = [];
  const requests: APIRequestContext[] = [];
  for (let i = 0; i < 4; i++) {
    const user = await createThrowawayUser(["Viewer"]);
    const request = await playwrightRequest.newContext({ baseURL: BASE_URL });
    requests.push(request);
    await signInByApi(request, user.email);
    const cookie = await sessionCookie(request);
    for (let tab = 0; tab < 3; tab++)
      streams.push(await openEventStream(`${BASE_URL}/api/me/events`, cookie, () => {}));
  }
  expect(streams.map((s) => s.status)).toEqual(Array(12).fill(200));
  const [row] = await sql<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND query ILIKE 'LISTEN%'`,
  );
  expect(row!.n).toBe(1);
  for (const stream of streams) stream.close();
  for (const request of requests) await request.dispose();
});
