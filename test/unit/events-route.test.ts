// GET /api/me/events with its collaborators stubbed: the session read, the
// change listener, the freshness check and the limits.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { AuthToken } from "@/lib/auth/token";

const session = vi.hoisted(() => ({
  read: vi.fn<() => Promise<unknown>>(),
  source: vi.fn<() => Promise<unknown>>(),
  refresh: vi.fn<(token: unknown) => Promise<unknown>>(),
  limits: { eventStreamsPerUser: 2, eventStreamsPerInstance: 3 },
}));
vi.mock("@/lib/auth/current-session", () => ({ readFreshSession: session.read }));
vi.mock("@/lib/auth/stamp-source", () => ({ getCachedSource: session.source }));
vi.mock("@/lib/auth/refresh", () => ({ refreshToken: session.refresh }));
vi.mock("@/lib/auth/dal", () => ({ getCurrentUser: vi.fn() }));
vi.mock("@/lib/env", () => ({ env: () => session.limits }));

const { GET } = await import("@/app/api/me/events/route");
const { streamRegistry } = await import("@/lib/push/stream-registry");
const { changeHub } = await import("@/lib/push/change-hub");

type Holders = Record<"__authzStreamRegistry" | "__authzChangeHub" | "__authzHeartbeats", unknown>;

function token(sub: string): AuthToken {
  return { sub, authAt: 1, roles: ["Viewer"], perms: "", cat: "c", permsAt: 1000, grantExp: null };
}

const opened: Response[] = [];
async function open(sub: string | null, signal?: AbortSignal): Promise<Response> {
  session.read.mockResolvedValueOnce(sub === null ? null : token(sub));
  const response = await GET(new Request("http://app.test/api/me/events", { signal }));
  opened.push(response);
  return response;
}

async function readText(response: Response, until: (text: string) => boolean): Promise<string> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = "";
  while (!until(text)) {
    const { value, done } = await reader.read();
    if (done) break;
    text += decoder.decode(value);
  }
  reader.releaseLock();
  return text;
}

beforeEach(() => {
  for (const key of ["__authzStreamRegistry", "__authzChangeHub", "__authzHeartbeats"] as const)
    delete (globalThis as unknown as Partial<Holders>)[key];
  session.source.mockResolvedValue({});
  session.refresh.mockImplementation(async (t) => ({ kind: "current", token: t }));
  session.limits = { eventStreamsPerUser: 2, eventStreamsPerInstance: 3 };
});

afterEach(async () => {
  vi.useRealTimers();
  for (const response of opened.splice(0)) await response.body?.cancel().catch(() => {});
  vi.clearAllMocks();
});

describe("GET /api/me/events", () => {
  it("answers 503 when permissions cannot be checked, and holds no slot", async () => {
    session.read.mockRejectedValueOnce(new Error("database down"));
    const response = await GET(new Request("http://app.test/api/me/events"));
    expect(response.status).toBe(503);
    session.read.mockResolvedValueOnce(token("u1"));
    session.source.mockRejectedValueOnce(new Error("listener down"));
    expect((await GET(new Request("http://app.test/api/me/events"))).status).toBe(503);
    expect(streamRegistry().open).toBe(0);
  });

  it("answers 401 when signed out or refused", async () => {
    const response = await open(null);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: expect.stringMatching(/sign in/i) });
    expect(streamRegistry().open).toBe(0);
  });

  it("streams the current stamp first", async () => {
    const response = await open("u1");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    const text = await readText(response, (t) => t.includes("event: permissions"));
    expect(text).toContain('data: {"permissionsUpdatedAt":1000,"changed":false}');
  });

  it("answers 429 with Retry-After past the per-user cap, while others still connect", async () => {
    await open("u1");
    await open("u1");
    const refused = await open("u1");
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await refused.json()).toMatchObject({ error: expect.stringMatching(/too many/i), limit: "user" });
    expect((await open("u2")).status).toBe(200);
  });

  it("answers 429 past the per-instance cap", async () => {
    for (const user of ["u1", "u2", "u3"]) expect((await open(user)).status).toBe(200);
    const refused = await open("u4");
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).not.toBeNull();
    expect(await refused.json()).toMatchObject({ limit: "instance" });
  });

  it("gives exactly the cap to requests that arrive together", async () => {
    session.limits = { eventStreamsPerUser: 4, eventStreamsPerInstance: 100 };
    const statuses = (await Promise.all(Array.from({ length: 10 }, () => open("u1")))).map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(4);
    expect(statuses.filter((s) => s === 429)).toHaveLength(6);
    expect(streamRegistry().openFor("u1")).toBe(4);
  });

  describe("a stream that ends gives its slot back", () => {
    it("when the client goes away (the request's signal aborts)", async () => {
      const abort = new AbortController();
      await open("u1", abort.signal);
      expect(streamRegistry().open).toBe(1);
      abort.abort();
      expect(streamRegistry().open).toBe(0);
      expect(changeHub().users).toBe(0);
    });

    it("when the response body is cancelled", async () => {
      const response = await open("u1");
      await response.body!.cancel();
      expect(streamRegistry().open).toBe(0);
    });

    it("when the session is revoked: a 'revoked' event, then the end", async () => {
      const response = await open("u1");
      session.refresh.mockResolvedValue({ kind: "refused", reason: "user is disabled" });
      changeHub().changed(["u1"]);
      const text = await readText(response, () => false); // until the server ends it
      expect(text).toContain("event: revoked");
      expect(text).toContain("user is disabled");
      expect(streamRegistry().open).toBe(0);
    });

    it("when the client stops reading: the heartbeats pile up and the stream errors", async () => {
      vi.useFakeTimers();
      await open("u1");
      await vi.advanceTimersByTimeAsync(4 * 15_000);
      expect(streamRegistry().open).toBe(1); // four unread heartbeats are still tolerated
      await vi.advanceTimersByTimeAsync(2 * 15_000);
      expect(streamRegistry().open).toBe(0);
    });

    it("and the freed slot can be taken again", async () => {
      session.limits = { eventStreamsPerUser: 1, eventStreamsPerInstance: 1 };
      const first = await open("u1");
      expect((await open("u1")).status).toBe(429);
      await first.body!.cancel();
      expect((await open("u1")).status).toBe(200);
    });
  });
});
