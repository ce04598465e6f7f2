// GET /api/me/events (pages/api/me/events.ts) served by a real node:http
// server on a free port, with its collaborators stubbed: the session read (cookie
// and bearer), the change listener, the freshness check and the limits.
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { AuthToken } from "@/lib/auth/token";
import { processSlot } from "@/lib/process-state";

const session = vi.hoisted(() => ({
  read: vi.fn<(cookieHeader: string | undefined) => Promise<unknown>>(),
  bearer: vi.fn<(accessToken: string) => Promise<unknown>>(),
  source: vi.fn<() => Promise<unknown>>(),
  refresh: vi.fn<(token: unknown) => Promise<unknown>>(),
  limits: { eventStreamsPerUser: 2, eventStreamsPerInstance: 3 },
}));
vi.mock("@/lib/auth/fresh-session", () => ({
  freshSessionFromCookieHeader: session.read,
  checkSessionFreshness: session.refresh,
}));
vi.mock("@/lib/sessions/bearer", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/sessions/bearer")>()),
  bearerSession: session.bearer,
}));
vi.mock("@/lib/live/instance", () => ({ liveInstance: session.source }));
vi.mock("@/lib/env", () => ({ env: () => session.limits }));

const { default: events, config } = await import("@/pages/api/me/events");
const { streamRegistry } = await import("@/lib/push/stream-registry");
const { changeHub } = await import("@/lib/live/change-hub");

function token(sub: string): AuthToken {
  return { sub, authAt: 1, roles: ["Viewer"], perms: "", cat: "c", permsAt: 1000, grantExp: null };
}

// Every call of the handler, so that a test can wait for them to finish, and the latest response.
const handled: Promise<void>[] = [];
let latest: ServerResponse | undefined;
const server = http.createServer((req: IncomingMessage, res: ServerResponse) => {
  latest = res;
  handled.push(events(req, res));
});
let url = "";
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/me/events`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

type Answer = {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The body received so far; grows while a stream is open. */
  text: () => string;
  /** Resolves when the response ends (the server ended it, or the connection closed). */
  ended: Promise<void>;
  /** The client goes away. */
  close: () => void;
};

const answers: Answer[] = [];

/** Sends a request; resolves at a stream's first bytes (200) or with a whole refusal. */
function send(method = "GET", headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, {
      method,
      agent: false,
      headers: { cookie: "a=1; session=abc", ...headers },
    });
    req.on("error", reject);
    req.on("response", (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (text += chunk));
      const ended = new Promise<void>((done) => res.on("close", done));
      const answer: Answer = {
        status: res.statusCode ?? 0,
        headers: res.headers,
        text: () => text,
        ended,
        close: () => req.destroy(),
      };
      answers.push(answer);
      if (answer.status === 200) res.once("data", () => resolve(answer));
      else void ended.then(() => resolve(answer));
    });
    req.end();
  });
}

/** A request from `sub` (null: signed out). */
function open(sub: string | null): Promise<Answer> {
  session.read.mockResolvedValueOnce(sub === null ? null : token(sub));
  return send();
}

const body = (answer: Answer) => JSON.parse(answer.text()) as Record<string, unknown>;
const slotsBackToZero = () => vi.waitFor(() => expect(streamRegistry().open).toBe(0), { timeout: 10_000 });

beforeEach(() => {
  for (const name of ["streamRegistry", "changeHub", "heartbeats"]) processSlot(name).set(undefined);
  session.source.mockResolvedValue({});
  session.refresh.mockImplementation(async (t) => ({ kind: "current", token: t }));
  session.limits = { eventStreamsPerUser: 2, eventStreamsPerInstance: 3 };
});

afterEach(async () => {
  for (const answer of answers.splice(0)) answer.close();
  await slotsBackToZero();
  await Promise.all(handled.splice(0));
  vi.clearAllMocks();
});

describe("GET /api/me/events", () => {
  it("is a Pages Router API route that leaves the request body alone and may stream without limit", () => {
    expect(config).toEqual({ api: { bodyParser: false, responseLimit: false, externalResolver: true } });
  });

  it("reads the session from the request's Cookie header", async () => {
    await open("u1");
    expect(session.read).toHaveBeenCalledWith("a=1; session=abc");
  });

  it("answers 405 to anything but GET", async () => {
    const response = await send("POST");
    expect(response.status).toBe(405);
    expect(response.headers.allow).toBe("GET");
    expect(session.read).not.toHaveBeenCalled();
  });

  it("answers 503 when permissions cannot be checked, and holds no slot", async () => {
    session.read.mockRejectedValueOnce(new Error("database down"));
    const down = await send();
    expect(down.status).toBe(503);
    expect(body(down)).toEqual({ error: expect.stringMatching(/cannot be checked/i) });
    session.source.mockRejectedValueOnce(new Error("listener down"));
    expect((await open("u1")).status).toBe(503);
    expect(streamRegistry().open).toBe(0);
  });

  it("answers 401 when signed out or refused", async () => {
    const response = await open(null);
    expect(response.status).toBe(401);
    expect(response.headers["content-type"]).toContain("application/json");
    expect(body(response)).toEqual({ error: expect.stringMatching(/sign in/i) });
    expect(streamRegistry().open).toBe(0);
  });

  it("streams the current stamp first, with headers that keep proxies from buffering it", async () => {
    const response = await open("u1");
    expect(response.status).toBe(200);
    expect(response.headers["content-type"]).toBe("text/event-stream; charset=utf-8");
    expect(response.headers["cache-control"]).toContain("no-transform");
    expect(response.headers["x-accel-buffering"]).toBe("no");
    expect(response.headers["x-permissions-updated"]).toBe("1000");
    await vi.waitFor(() => expect(response.text()).toContain("event: permissions"));
    expect(response.text()).toMatch(/^retry: \d+\n\n/);
    expect(response.text()).toContain('data: {"permissionsUpdatedAt":1000,"changed":false}');
  });

  it("sends a changed stamp when the user's claims change", async () => {
    const response = await open("u1");
    session.refresh.mockResolvedValueOnce({ kind: "rebuilt", token: { ...token("u1"), permsAt: 2000 } });
    changeHub().changed(["u1"]);
    await vi.waitFor(() => expect(response.text()).toContain('"permissionsUpdatedAt":2000,"changed":true'));
  });

  it("answers 429 with Retry-After past the per-user cap, while others still connect", async () => {
    await open("u1");
    await open("u1");
    const refused = await open("u1");
    expect(refused.status).toBe(429);
    expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
    expect(body(refused)).toMatchObject({ error: expect.stringMatching(/too many/i), limit: "user" });
    expect((await open("u2")).status).toBe(200);
  });

  it("answers 429 past the per-instance cap", async () => {
    for (const user of ["u1", "u2", "u3"]) expect((await open(user)).status).toBe(200);
    const refused = await open("u4");
    expect(refused.status).toBe(429);
    expect(refused.headers["retry-after"]).toBeDefined();
    expect(body(refused)).toMatchObject({ limit: "instance" });
  });

  it("gives exactly the cap to requests that arrive together", async () => {
    session.limits = { eventStreamsPerUser: 4, eventStreamsPerInstance: 100 };
    const statuses = (await Promise.all(Array.from({ length: 10 }, () => open("u1")))).map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(4);
    expect(statuses.filter((s) => s === 429)).toHaveLength(6);
    expect(streamRegistry().openFor("u1")).toBe(4);
  });

  describe("a token client (Authorization: Bearer)", () => {
    const withBearer = (answer: unknown) => {
      session.bearer.mockResolvedValueOnce(answer);
      return send("GET", { authorization: "Bearer the-access-token" });
    };
    const accepted = (sub: string, expiresIn = 300_000, renewed: string | null = null) => ({
      kind: "session",
      token: token(sub),
      renewed,
      expiresAt: Date.now() + expiresIn,
    });

    it("is judged by its token alone: the cookie it also sends is not read", async () => {
      const response = await withBearer(accepted("u1"));
      expect(response.status).toBe(200);
      expect(session.bearer).toHaveBeenCalledWith("the-access-token");
      expect(session.read).not.toHaveBeenCalled();
      await vi.waitFor(() => expect(response.text()).toContain('"permissionsUpdatedAt":1000'));
      expect(response.headers["x-access-token"], "claims current: no new token").toBeUndefined();
    });

    it("refused tokens get 401 with the error a client acts on, and hold no slot", async () => {
      for (const error of ["invalid_token", "token_expired", "session_ended"]) {
        const response = await withBearer({ kind: "refused", error });
        expect(response.status, error).toBe(401);
        expect(body(response)).toEqual({ error });
        expect(response.headers["www-authenticate"]).toBe(`Bearer error="${error}"`);
      }
      expect(streamRegistry().open).toBe(0);
      expect(session.read).not.toHaveBeenCalled();
    });

    it("claims that moved since the token was issued: the stream hands over a new token", async () => {
      const response = await withBearer(accepted("u1", 300_000, "a-new-access-token"));
      expect(response.status).toBe(200);
      expect(response.headers["x-access-token"]).toBe("a-new-access-token");
    });

    it("ends when the token expires: an 'expired' event, then the server ends the response", async () => {
      const response = await withBearer(accepted("u1", 200));
      expect(streamRegistry().open).toBe(1);
      await response.ended;
      expect(response.text()).toContain('event: expired\ndata: {"reason":"token_expired"}');
      expect(response.text()).not.toContain("event: revoked");
      expect(streamRegistry().open).toBe(0);
      expect(changeHub().users).toBe(0);
    });

    it("counts against the same per-user cap as the browser's streams", async () => {
      session.limits = { eventStreamsPerUser: 1, eventStreamsPerInstance: 10 };
      expect((await open("u1")).status).toBe(200);
      expect((await withBearer(accepted("u1"))).status).toBe(429);
    });

    it("answers 503 when the token cannot be checked", async () => {
      session.bearer.mockRejectedValueOnce(new Error("database down"));
      const response = await send("GET", { authorization: "Bearer the-access-token" });
      expect(response.status).toBe(503);
      expect(streamRegistry().open).toBe(0);
    });
  });

  describe("a stream that ends gives its slot back", () => {
    it("when the client goes away (the socket closes)", async () => {
      const response = await open("u1");
      expect(streamRegistry().open).toBe(1);
      response.close();
      await slotsBackToZero();
      expect(changeHub().users).toBe(0);
    });

    it("and takes none when the client left during the session check", async () => {
      let answerRead!: (value: AuthToken) => void;
      session.read.mockReturnValueOnce(new Promise((resolve) => (answerRead = resolve)));
      const req = http.get(url, { agent: false });
      req.on("error", () => {}); // the socket is destroyed on purpose
      await vi.waitFor(() => expect(session.read).toHaveBeenCalled());
      const closed = new Promise((resolve) => req.on("close", resolve));
      req.destroy();
      await closed;
      await vi.waitFor(() => expect(latest?.destroyed).toBe(true)); // the server saw the socket close
      answerRead(token("u1"));
      await Promise.all(handled);
      expect(streamRegistry().open).toBe(0);
      expect(changeHub().users).toBe(0);
    });

    it("when the session is revoked: a 'revoked' event, then the server ends the response", async () => {
      const response = await open("u1");
      session.refresh.mockResolvedValue({ kind: "refused", reason: "user is disabled" });
      changeHub().changed(["u1"]);
      await response.ended;
      expect(response.text()).toContain("event: revoked");
      expect(response.text()).toContain("user is disabled");
      expect(streamRegistry().open).toBe(0);
    });

    it("and the freed slot can be taken again", async () => {
      session.limits = { eventStreamsPerUser: 1, eventStreamsPerInstance: 1 };
      const first = await open("u1");
      expect((await open("u1")).status).toBe(429);
      first.close();
      await slotsBackToZero();
      expect((await open("u1")).status).toBe(200);
    });
  });
});
