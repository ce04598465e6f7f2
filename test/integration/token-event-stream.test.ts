// GET /api/me/events for a token client (Authorization: Bearer) against real
// databases: the real route on a node:http server, real tokens from
// POST /api/tokens, changes made in SQL. The stream tells the client when its
// claims change, ends with "revoked" when its session ends, and with
// "expired" when the access token it was opened with expires.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { decodeJwt } from "jose";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { env } from "@/lib/env";
import { settleChanges } from "@/lib/live/instance";
import { hashPassword } from "@/lib/security/password";
import { setAppDatabase } from "../support/app-database";
import { createMigratedDatabase, describeOnBackends, type TestDatabase } from "../support/databases";
import { createRole, grant, newId } from "../support/fixtures";
import { instanceCache, notifications, resetInstance, throughGate } from "../support/session-harness";

vi.mock("next/headers", async () => (await import("../support/session-harness")).headersMock);

const { default: events } = await import("@/pages/api/me/events");
const { POST: postTokens } = await import("@/app/api/tokens/route");
const { forgetSigningKey } = await import("@/lib/sessions/signing-keys");
const { issueAccessToken } = await import("@/lib/sessions/access-token");
const { PermissionStream, streamRegistry } = await import("@/lib/push");
const { TOO_MANY_STREAMS_FOR_USER } = await import("@/lib/push/stream-refusal");

const PASSWORD = "correct horse battery staple";

type Stream = {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: () => string;
  ended: Promise<void>;
  /** The client goes away. */
  close(): void;
};

await describeOnBackends("the event stream for token clients", (backend) => {
  let db: TestDatabase;
  let passwordHash: string;
  let readers: string;
  const server = http.createServer((req, res) => void events(req, res));
  let url = "";
  const open: http.ClientRequest[] = [];

  beforeAll(async () => {
    db = await createMigratedDatabase(backend);
    // Notifications pass at once unless a test holds them back (an outage of the listener).
    setAppDatabase(throughGate(db));
    forgetSigningKey();
    passwordHash = await hashPassword(PASSWORD);
    readers = await createRole(db.sql, ["reports.read"], "readers");
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/me/events`;
  });
  afterAll(async () => {
    for (const req of open) req.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    forgetSigningKey();
    await resetInstance();
    await db?.dispose();
  });

  async function signedIn(): Promise<{ id: string; accessToken: string }> {
    const id = newId("streamer");
    const email = `${id}@example.test`;
    await db.sql.query(`INSERT INTO "User" (id, email, name, "passwordHash") VALUES ($1, $2, 'S', $3)`, [
      id,
      email,
      passwordHash,
    ]);
    const response = await postTokens(
      new Request("http://localhost:3000/api/tokens", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email, password: PASSWORD }),
      }),
    );
    expect(response.status).toBe(200);
    return { id, accessToken: ((await response.json()) as { accessToken: string }).accessToken };
  }

  /** Opens the stream with `accessToken`; resolves at its first bytes, or with a whole refusal. */
  function stream(accessToken: string): Promise<Stream> {
    return new Promise((resolve, reject) => {
      const req = http.get(url, { agent: false, headers: { authorization: `Bearer ${accessToken}` } });
      open.push(req);
      req.on("error", reject);
      req.on("response", (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (text += chunk));
        const ended = new Promise<void>((done) => res.on("close", done));
        const answer = {
          status: res.statusCode ?? 0,
          headers: res.headers,
          text: () => text,
          ended,
          close: () => req.destroy(),
        };
        if (answer.status === 200) res.once("data", () => resolve(answer));
        else void ended.then(() => resolve(answer));
      });
    });
  }

  const within = { timeout: 5_000, interval: 20 };

  it("a role granted in SQL: a 'changed' event; the session ended: 'revoked', and the stream ends", async () => {
    const { id, accessToken } = await signedIn();
    const answer = await stream(accessToken);
    expect(answer.status).toBe(200);
    expect(answer.headers["content-type"]).toBe("text/event-stream; charset=utf-8");
    await vi.waitFor(() => expect(answer.text()).toContain('"changed":false'), within);

    await grant(db.sql, id, readers);
    await settleChanges();
    await vi.waitFor(() => expect(answer.text()).toContain('"changed":true'), within);

    const sid = String(decodeJwt(accessToken).sid);
    await db.sql.query(`UPDATE "Session" SET "endedAt" = now(), "endReason" = 'signed_out' WHERE id = $1`, [
      sid,
    ]);
    await settleChanges();
    await answer.ended;
    expect(answer.text()).toContain("event: revoked");
  });

  it("the access token expires: an 'expired' event, then the stream ends (the session goes on)", async () => {
    const { accessToken } = await signedIn();
    // The same claims, in a token issued 299 s ago: one second left.
    const claims = decodeJwt(accessToken) as never;
    const shortLived = await issueAccessToken(claims, Date.now() - 299_000);
    const answer = await stream(shortLived);
    expect(answer.status).toBe(200);
    await answer.ended;
    expect(answer.text()).toContain('event: expired\ndata: {"reason":"token_expired"}');
    expect(answer.text()).not.toContain("event: revoked");
    expect((await stream(accessToken)).status, "the session itself still works").toBe(200);
  });

  it("refused before any stream: a forged token, an expired one, an ended session", async () => {
    const { accessToken } = await signedIn();
    const forged = await stream(`${accessToken.slice(0, -4)}AAAA`);
    expect(forged.status).toBe(401);
    expect(JSON.parse(forged.text())).toEqual({ error: "invalid_token" });
    expect(forged.headers["www-authenticate"]).toBe('Bearer error="invalid_token"');

    const expired = await stream(
      await issueAccessToken(decodeJwt(accessToken) as never, Date.now() - 301_000),
    );
    expect(JSON.parse(expired.text())).toEqual({ error: "token_expired" });

    const sid = String(decodeJwt(accessToken).sid);
    await db.sql.query(`UPDATE "Session" SET "endedAt" = now(), "endReason" = 'signed_out' WHERE id = $1`, [
      sid,
    ]);
    await settleChanges();
    const ended = await stream(accessToken);
    expect(ended.status).toBe(401);
    expect(JSON.parse(ended.text())).toEqual({ error: "session_ended" });
  });
  it("the per-user cap on open streams holds through the route: one more is 429, others connect, a closed one frees its slot", async () => {
    const { id, accessToken } = await signedIn();
    const cap = env().eventStreamsPerUser;
    const mine: Stream[] = [];
    for (let i = 0; i < cap; i++) mine.push(await stream(accessToken));
    expect(mine.map((s) => s.status)).toEqual(Array(cap).fill(200));
    expect(streamRegistry().openFor(id)).toBe(cap);

    const over = await stream(accessToken);
    expect(over.status).toBe(429);
    expect(over.headers["retry-after"]).toBe("30");
    expect(JSON.parse(over.text())).toEqual({ error: TOO_MANY_STREAMS_FOR_USER, limit: "user" });
    expect(streamRegistry().openFor(id), "the refused one holds no slot").toBe(cap);

    const someoneElse = await signedIn();
    const theirs = await stream(someoneElse.accessToken);
    expect(theirs.status, "another user still connects").toBe(200);

    mine.pop()!.close();
    await vi.waitFor(() => expect(streamRegistry().openFor(id)).toBe(cap - 1), within);
    const again = await stream(accessToken);
    expect(again.status, "the freed slot can be taken").toBe(200);
    for (const s of [...mine, theirs, again]) s.close();
  });

  it("after the listener subscribes again, every open stream rechecks: a change it never heard of reaches it", async () => {
    // The heartbeat also rechecks every stream; cut it off, so only the re-subscription can.
    const beat = vi.spyOn(PermissionStream.prototype, "beat").mockImplementation(() => {});
    try {
      const { id, accessToken } = await signedIn();
      const answer = await stream(accessToken);
      expect(answer.status).toBe(200);
      await vi.waitFor(() => expect(answer.text()).toContain('"changed":false'), within);
      const cache = (await instanceCache())!;
      expect(cache.isLive).toBe(true);

      // An outage: the grant's notification is lost, and the listener's echo never comes back.
      notifications.mode = "held";
      await grant(db.sql, id, readers);
      await settleChanges(); // its echo is held too: the connection counts as lost
      expect(cache.isLive, "dark while nothing is heard").toBe(false);
      notifications.queue.length = 0; // what was sent meanwhile never arrives
      notifications.mode = "open";

      await vi.waitFor(() => expect(cache.isLive).toBe(true), within);
      await vi.waitFor(() => expect(answer.text()).toContain('"changed":true'), within);
      answer.close();
    } finally {
      beat.mockRestore();
      notifications.release();
    }
  });
});
