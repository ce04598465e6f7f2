import { decodeJwt } from "jose";
import {
  type ApiAnswer,
  type StreamEvent,
  TokenClient,
  TokenClientError,
} from "../scripts/client/token-client";
import { openUser } from "./admin-support";
import { BASE_URL, PASSWORD, PORT } from "./config";
import { createThrowawayUser, grantRole, revokeRole, sql } from "./database";
import { expect, test } from "./fixtures";
import { secondInstance } from "./second-instance";
import { expectSignInPage } from "./support";

// Token clients (POST /api/tokens, Authorization: Bearer) and the session
// registry over HTTP, on two instances sharing one PostgreSQL database: a
// change in SQL reaches a token client's next call on either, with a new
// access token; one device can be signed out alone; sign out everywhere ends
// token clients too. The client is the one `npm run client` uses.
test.describe.configure({ timeout: 120_000 });

const instanceB = secondInstance(`authz-e2e-tokens-b-${PORT}`);

/** Calls until the answer has `status` (a change reaches an instance by NOTIFY, within milliseconds), 2 s at most. */
async function until(status: number, call: () => Promise<ApiAnswer>): Promise<ApiAnswer> {
  const deadline = Date.now() + 2_000;
  let answer = await call();
  while (answer.status !== status) {
    if (Date.now() > deadline) throw new Error(`still ${answer.status}, not ${status}, after 2 s`);
    await new Promise((resolve) => setTimeout(resolve, 5));
    answer = await call();
  }
  return answer;
}

test("a token client while a role is granted and revoked in SQL: new claims and a new X-Access-Token, on either instance", async () => {
  const user = await createThrowawayUser(["Viewer"]);
  const client = new TokenClient(BASE_URL);
  await client.signIn(user.email, PASSWORD);
  const onB = { baseUrl: instanceB().baseUrl };
  expect((await client.call("/api/reports")).status).toBe(403);
  expect((await client.call("/api/reports", onB)).status, "B verifies A's token").toBe(403);

  await grantRole(user.id, "Editor");
  const granted = await until(200, () => client.call("/api/reports", onB));
  expect(granted.renewed, "served with the new claims, and a new access token").toBe(true);
  expect(decodeJwt(client.accessToken!).permsAt).toBe(granted.permissionsUpdatedAt);
  const onA = await client.call("/api/reports");
  expect(onA.status, "A verifies B's token").toBe(200);
  expect(onA.renewed).toBe(false);

  await revokeRole(user.id, "Editor");
  const revokedOnA = await until(403, () => client.call("/api/reports"));
  expect(revokedOnA.renewed).toBe(true);
  expect((await client.call("/api/reports", onB)).status).toBe(403);
});

test("the JWKS is the same on both instances and names the key that signed the tokens", async ({
  request,
}) => {
  const fromA = await request.get("/.well-known/jwks.json");
  const fromB = await request.get(`${instanceB().baseUrl}/.well-known/jwks.json`);
  expect(fromA.status()).toBe(200);
  expect(fromA.headers()["cache-control"]).toContain("max-age");
  const keys = (await fromA.json()).keys as { kid: string; kty: string; crv: string; d?: string }[];
  expect(await fromB.json()).toEqual({ keys });
  expect(keys).toEqual([expect.objectContaining({ kty: "OKP", crv: "Ed25519", alg: "EdDSA" })]);
  expect(keys[0]!.d, "never the private half").toBeUndefined();
});

test("refresh rotation over HTTP; reusing a refresh token ends the session, its newest tokens too", async () => {
  const user = await createThrowawayUser(["Editor"]);
  const client = new TokenClient(BASE_URL);
  await client.signIn(user.email, PASSWORD);
  const first = client.refreshToken!;
  await client.refresh();
  expect(client.refreshToken).not.toBe(first);
  expect((await client.call("/api/reports")).status).toBe(200);

  const thief = await fetch(`${BASE_URL}/api/tokens/refresh`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ refreshToken: first }),
  });
  expect(thief.status).toBe(401);
  expect(await thief.json()).toEqual({ error: "refresh_token_reused" });
  const ended = await until(401, () => client.call("/api/reports", { baseUrl: instanceB().baseUrl }));
  expect(ended.body).toEqual({ error: "session_ended" });
  await expect(client.refresh()).rejects.toEqual(new TokenClientError(401, "session_ended"));
});

test("a token client follows the event stream on instance B: a role granted in SQL is heard at once; ending the session ends the stream", async () => {
  const user = await createThrowawayUser(["Viewer"]);
  const client = new TokenClient(instanceB().baseUrl);
  await client.signIn(user.email, PASSWORD);
  const events: StreamEvent[] = [];
  const following = client.follow((event) => void events.push(event), AbortSignal.timeout(30_000));
  await expect.poll(() => events[0]?.event, { timeout: 5_000 }).toBe("permissions");

  await grantRole(user.id, "Editor");
  await expect
    .poll(() => events.some((e) => e.event === "permissions" && (e.data as { changed: boolean }).changed), {
      timeout: 5_000,
    })
    .toBe(true);

  // Ended from instance A, through the sessions API: B's stream hears it.
  const sessionId = String(decodeJwt(client.accessToken!).sid);
  const onA = new TokenClient(BASE_URL);
  await onA.signIn(user.email, PASSWORD);
  expect((await onA.call(`/api/me/sessions/${sessionId}`, { method: "DELETE" })).status).toBe(204);
  expect(await following).toBe("revoked");
  expect(events.at(-1)).toEqual({ event: "revoked", data: { reason: expect.any(String) } });
});

test("signing out one browser session in one context leaves another context of the same user signed in", async ({
  signedInAs,
}) => {
  const user = await createThrowawayUser(["Viewer"]);
  const laptop = await signedInAs(user.email);
  const phone = await signedInAs(user.email);
  await phone.goto("/");
  await laptop.goto("/profile");
  const list = laptop.getByRole("list", { name: "Where you're signed in" });
  await expect(list.getByRole("listitem")).toHaveCount(2);
  await expect(list.getByText("This device")).toHaveCount(1);
  const phoneSession = await phone.request.get("/api/me/sessions");
  const phoneId = ((await phoneSession.json()).sessions as { id: string; current: boolean }[]).find(
    (s) => s.current,
  )!.id;
  const { sessions } = await (await laptop.request.get("/api/me/sessions")).json();
  expect(sessions.find((s: { current: boolean }) => !s.current).id).toBe(phoneId);

  await list.getByRole("button", { name: /^Sign out / }).click();
  await expect(list.getByRole("listitem")).toHaveCount(1);
  await phone.goto("/");
  await expectSignInPage(phone);
  await laptop.goto("/");
  await expect(laptop.getByRole("heading", { name: /Signed in as/ })).toBeVisible();
  const [row] = await sql<{ endReason: string }>(`SELECT "endReason" FROM "Session" WHERE id = $1`, [
    phoneId,
  ]);
  expect(row?.endReason).toBe("signed_out");
});

test("sign out everywhere ends token sessions too", async ({ signedInAs }) => {
  const user = await createThrowawayUser(["Editor"]);
  const client = new TokenClient(BASE_URL);
  await client.signIn(user.email, PASSWORD);
  expect((await client.call("/api/reports")).status).toBe(200);
  const page = await signedInAs(user.email);
  await page.goto("/profile");
  await expect(
    page.getByRole("list", { name: "Where you're signed in" }).getByText("Token client"),
  ).toBeVisible();
  await page.getByRole("button", { name: "Sign out everywhere" }).click();
  await page.getByRole("button", { name: "Yes, sign out everywhere" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  const refused = await until(401, () => client.call("/api/reports", { baseUrl: instanceB().baseUrl }));
  expect(refused.body).toEqual({ error: "session_ended" });
  await expect(client.refresh()).rejects.toEqual(new TokenClientError(401, "session_ended"));
});

test("POST /api/tokens: wrong credentials → 401 invalid_credentials, no cookie ever set", async ({
  request,
}) => {
  const user = await createThrowawayUser(["Viewer"]);
  const wrong = await request.post("/api/tokens", { data: { email: user.email, password: "wrong" } });
  expect(wrong.status()).toBe(401);
  expect(await wrong.json()).toEqual({ error: "invalid_credentials" });
  const right = await request.post("/api/tokens", { data: { email: user.email, password: PASSWORD } });
  expect(right.status()).toBe(200);
  expect(right.headers()["set-cookie"]).toBeUndefined();
  const { accessToken } = await right.json();
  const me = await request.get("/api/me/permissions", {
    headers: { authorization: `Bearer ${accessToken}` },
  });
  expect(me.status()).toBe(200);
  expect(me.headers()["set-cookie"]).toBeUndefined();
  expect(Number(me.headers()["x-permissions-updated"])).toBeGreaterThan(0);
});

test("an admin ends one session of a user from the user's page: that device is signed out, the other is not, audited", async ({
  signedInAs,
}) => {
  const user = await createThrowawayUser(["Viewer"]);
  const devices = [await signedInAs(user.email), await signedInAs(user.email)];
  const admin = await signedInAs("admin");
  const [row] = await sql<{ name: string }>(`SELECT name FROM "User" WHERE id = $1`, [user.id]);
  await openUser(admin, user.email, row!.name);
  const list = admin.getByRole("list", { name: "Sessions" });
  await expect(list.getByRole("listitem")).toHaveCount(2);
  await list.getByRole("button", { name: "End session" }).first().click();
  await admin.getByRole("button", { name: "Yes, end it" }).click();
  // The ended session leaves the list (with its form, and so its message).
  await expect(list.getByRole("listitem")).toHaveCount(1);

  const signedIn: boolean[] = [];
  for (const device of devices) {
    await device.goto("/");
    signedIn.push(!new URL(device.url()).pathname.startsWith("/sign-in"));
  }
  expect(signedIn.sort()).toEqual([false, true]);
  const [audit] = await sql<{ n: number }>(
    `SELECT count(*)::int AS n FROM "AuditEvent" WHERE action = 'user.session.ended' AND "userId" = $1`,
    [user.id],
  );
  expect(audit?.n).toBe(1);
});
