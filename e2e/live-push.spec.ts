import type { APIRequestContext, Page } from "@playwright/test";
import { type EventStream, openEventStream, type ServerEvent } from "../scripts/support/event-stream";
import { BASE_URL } from "./config";
import { closeSql, createThrowawayUser, grantRole, sql } from "./database";
import { expect, test } from "./fixtures";

// Pushed changes: an open tab updates itself, with no navigation and no reload.
test.afterAll(closeSql);

const reportsLink = (page: Page) =>
  page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Reports" });

test("every open tab of the user shows a granted role without any user action", async ({ signedInAs }) => {
  const user = await createThrowawayUser(["Viewer"]);
  const first = await signedInAs(user.email);
  const tabs = [first, await first.context().newPage()];
  // The first tab holds the browser's one stream; it subscribes before it answers, so its
  // response means it will hear of the change.
  const connected = first.waitForResponse(
    (r) => new URL(r.url()).pathname === "/api/me/events" && r.status() === 200,
  );
  await first.goto("/");
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
});

test("an open tab loses a time-bound grant the moment it ends, without any user action", async ({
  signedInAs,
}) => {
  const user = await createThrowawayUser(["Viewer"]);
  // Long enough for signing in and loading the page while parallel workers load the machine.
  await grantRole(user.id, "Editor", new Date(Date.now() + 6_000));
  const page = await signedInAs(user.email);
  await page.goto("/reports");
  await expect(page.getByRole("table")).toBeVisible();
  // Nothing is written when a grant ends: the event stream's own timer notices.
  await expect(page.getByRole("heading", { name: "Not allowed" })).toBeVisible({ timeout: 10_000 });
  await expect(reportsLink(page)).toHaveCount(0);
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

test("the event stream is refused when signed out, and ends with 'revoked' when the user is disabled", async ({
  apiAs,
}) => {
  const anonymous = await fetch(`${BASE_URL}/api/me/events`);
  expect(anonymous.status).toBe(401);

  const user = await createThrowawayUser(["Viewer"]);
  const cookie = await sessionCookie(await apiAs(user.email));
  const { stream, events, first } = await readEvents(`${BASE_URL}/api/me/events`, cookie);
  await first; // subscribed: the disable below cannot slip past it
  await sql(`UPDATE "User" SET "disabledAt" = now() WHERE id = $1`, [user.id]);
  await stream.ended; // the server ends it (the test's timeout bounds the wait)
  stream.close();
  expect(events[0]?.event).toBe("permissions");
  expect(events.at(-1)?.event).toBe("revoked");
  expect(events.at(-1)?.data).toContain("user is disabled");
});

test("the stream goes through proxy.ts like every API request, and is sent uncompressed as it is written", async ({
  apiAs,
}) => {
  const user = await createThrowawayUser(["Viewer"]);
  const cookie = await sessionCookie(await apiAs(user.email));

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
});

test("one LISTEN connection serves every open stream of the instance", async ({ apiAs }) => {
  const streams: EventStream[] = [];
  for (let i = 0; i < 4; i++) {
    const user = await createThrowawayUser(["Viewer"]);
    const cookie = await sessionCookie(await apiAs(user.email));
    for (let tab = 0; tab < 3; tab++)
      streams.push(await openEventStream(`${BASE_URL}/api/me/events`, cookie, () => {}));
  }
  expect(streams.map((s) => s.status)).toEqual(Array(12).fill(200));
  const [row] = await sql<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND query ILIKE 'LISTEN%'`,
  );
  expect(row!.n).toBe(1);
  for (const stream of streams) stream.close();
});
