import type { APIRequestContext, BrowserContext, Page } from "@playwright/test";
import { type EventStream, openEventStream } from "../scripts/support/event-stream";
import { BASE_URL } from "./config";
import { closeSql, createThrowawayUser, grantRole, revokeRole } from "./database";
import { expect, test } from "./fixtures";

// Bounded event streams: a per-user cap (STREAM_CAP_USER, 10 by
// default, as the e2e server runs), and one stream per browser however many
// tabs are open.
const PER_USER_CAP = 10;
const EVENTS = `${BASE_URL}/api/me/events`;
test.afterAll(closeSql);

async function cookieOf(context: APIRequestContext | BrowserContext): Promise<string> {
  const state = await context.storageState();
  return state.cookies.map((c) => `${c.name}=${c.value}`).join("; ");
}

/** Opens streams until one is refused; the slots of streams just closed come back as their aborts arrive. */
async function openUpTo(cookie: string, count: number): Promise<EventStream[]> {
  const streams: EventStream[] = [];
  for (let i = 0; i < count; i++) streams.push(await openEventStream(EVENTS, cookie, () => {}));
  return streams;
}

async function expectRefusedStream(cookie: string): Promise<void> {
  const refused = await fetch(EVENTS, { headers: { cookie } });
  expect(refused.status).toBe(429);
  expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
  expect(await refused.json()).toMatchObject({ error: expect.stringMatching(/too many/i), limit: "user" });
}

test("one user past the stream cap gets 429, while health, sign-in and their own requests keep working", async ({
  apiAs,
}) => {
  const { email } = await createThrowawayUser(["Viewer"]);
  const api = await apiAs(email);
  const cookie = await cookieOf(api);

  const streams = await openUpTo(cookie, PER_USER_CAP);
  expect(streams.map((s) => s.status)).toEqual(Array(PER_USER_CAP).fill(200));
  await expectRefusedStream(cookie);

  // The cap holds one user back, nobody else and nothing else.
  expect((await fetch(`${BASE_URL}/api/health`)).status).toBe(200);
  expect((await api.get("/api/me/permissions")).status()).toBe(200);
  const other = await apiAs("viewer");
  const otherStream = await openEventStream(EVENTS, await cookieOf(other), () => {});
  expect(otherStream.status).toBe(200);
  otherStream.close();

  // Closing a stream gives its slot back (the server sees the client go away).
  streams.pop()!.close();
  await expect
    .poll(
      async () => {
        const stream = await openEventStream(EVENTS, cookie, () => {});
        if (stream.status === 200) streams.push(stream);
        return stream.status;
      },
      { timeout: 10_000 },
    )
    .toBe(200);
  await expectRefusedStream(cookie);
  for (const stream of streams) stream.close();
});

test.describe("tabs of one browser", () => {
  const reportsLink = (page: Page) =>
    page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Reports" });

  /** How many requests each page made to the event stream. */
  function countStreams(page: Page): { count: number } {
    const counter = { count: 0 };
    page.on("request", (r) => {
      if (r.url().startsWith(EVENTS)) counter.count++;
    });
    return counter;
  }

  /** The Web Locks the origin holds and waits for, as one tab sees them. */
  const locks = (page: Page) =>
    page.evaluate(async () => {
      const { held = [], pending = [] } = await navigator.locks.query();
      return { held: held.length, pending: pending.length };
    });

  test("share one stream; the other tab still hears every change, and takes over when the holder closes", async ({
    signedInAs,
  }) => {
    const user = await createThrowawayUser(["Viewer"]);
    const first = await signedInAs(user.email);
    const context = first.context();
    const firstStreams = countStreams(first);
    await Promise.all([first.waitForResponse((r) => r.url().startsWith(EVENTS)), first.goto("/")]);
    const second = await context.newPage();
    const secondStreams = countStreams(second);
    await second.goto("/");
    // The second tab queues for the stream instead of opening one.
    await expect.poll(() => locks(second), { timeout: 10_000 }).toEqual({ held: 1, pending: 1 });
    expect([firstStreams.count, secondStreams.count]).toEqual([1, 0]);

    // The server counts one stream for both tabs: the cap minus one more fit, then no more.
    const cookie = await cookieOf(context);
    const extra = await openUpTo(cookie, PER_USER_CAP - 1);
    expect(extra.map((s) => s.status)).toEqual(Array(PER_USER_CAP - 1).fill(200));
    await expectRefusedStream(cookie);
    for (const stream of extra) stream.close();

    await grantRole(user.id, "Editor");
    for (const tab of [first, second]) await expect(reportsLink(tab)).toBeVisible({ timeout: 5_000 });

    await first.close();
    await expect.poll(() => secondStreams.count, { timeout: 10_000 }).toBe(1);
    await expect.poll(() => locks(second), { timeout: 10_000 }).toEqual({ held: 1, pending: 0 });
    await revokeRole(user.id, "Editor");
    await expect(reportsLink(second)).toHaveCount(0, { timeout: 5_000 });
  });
});
