// The one harness for running the proxy, server actions, route handlers and
// next-auth's callbacks outside Next. Two ways to be signed in:
// - a real session (signIn, sendCookie): the request's cookie is a session
//   token encoded when the user signed in, as the browser would send it, and
//   every check reads the database and the instance's stamp cache as in
//   production; tests mock `next/headers` with headersMock;
// - a chosen user (signInAs): tests mock the session read with sessionMock,
//   for tables of actions that only care who acts.
// `next/cache` is mocked with nextCacheMock (no Next server to revalidate); the
// test database is the app's through setAppDatabase (./app-database.ts).
// Import nothing here that a test mocks: mocked-module cycles hang Vitest.
import type { JWT } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { loadClaims } from "@/lib/auth/claims";
import type { CurrentUser } from "@/lib/auth/session";
import { encodeSessionToken } from "@/lib/auth/session-cookie";
import { type AuthToken, withClaims } from "@/lib/auth/token";
import { getDb } from "@/lib/db/client";
import type { Database } from "@/lib/db/open";
import { env } from "@/lib/env";
import { PERMISSIONS } from "@/lib/permissions/catalogue";
import { processSlot } from "@/lib/process-state";
import { claimsFor, idOfUser } from "./admin";
import { setAppDatabase } from "./app-database";

export const live: { cookie: string | null; headers: Record<string, string> } = {
  cookie: null,
  headers: {},
};

/**
 * Between the database and the instance's change listener: "open" passes
 * notifications on at once, "held" keeps them back (an instance that has not
 * heard yet) until release(), and a number delays each by that many ms, in
 * order (a slow link). Nothing else about the database changes.
 */
export const notifications = {
  mode: "open" as "open" | "held" | number,
  queue: [] as (() => void)[],
  release(): void {
    this.mode = "open";
    for (const deliver of this.queue.splice(0)) deliver();
  },
};

/** The test database as the app sees it: the same, with notifications passing the gate above. */
export function throughGate(db: Database): Database {
  return {
    ...db,
    listen: (channel, onPayload, onLost) =>
      db.listen(
        channel,
        (payload) => {
          const deliver = () => onPayload(payload);
          if (notifications.mode === "held") notifications.queue.push(deliver);
          else if (typeof notifications.mode === "number") setTimeout(deliver, notifications.mode);
          else deliver();
        },
        onLost,
      ),
  };
}

/** The session cookie over http (next-auth's name, without __Secure-). */
const COOKIE_NAME = "next-auth.session-token";

export const headersMock = {
  cookies: async () => ({
    get: (name: string) => (name === COOKIE_NAME && live.cookie ? { name, value: live.cookie } : undefined),
    // What a server action writes, the browser sends on its next request.
    set: (name: string, value: string) => {
      if (name === COOKIE_NAME) live.cookie = value;
    },
  }),
  headers: async () => new Headers(live.headers),
};

export const nextCacheMock = { revalidatePath: () => undefined };

/** A session of this user as sign-in makes it now: the token, and the cookie that carries it. */
export async function signIn(email: string): Promise<{ token: AuthToken; cookie: string }> {
  const db = await getDb();
  const claims = await loadClaims(db.prisma, await idOfUser(db, email), Date.now());
  if (!claims) throw new Error(`no claims for ${email}`);
  const token = withClaims({ authAt: Date.now() }, claims);
  return { token, cookie: (await encodeSessionToken(token, env().authSecret)).value };
}

/** Makes `cookie` the one every following request carries (null: signed out). */
export function sendCookie(cookie: string | null): void {
  live.cookie = cookie;
}

type Held = { cache: import("@/lib/auth/stamp-cache").StampCache; listener: { stop(): Promise<void> } };
/** Where lib/live/instance.ts keeps this process's parts. */
const instance = processSlot<Promise<Held>>("live");

/** The instance's stamp cache, as the data layer started it (null before first use). */
export async function instanceCache() {
  return (await instance.get())?.cache ?? null;
}

/** Stops the instance's change listener and forgets its cache, so the next database starts clean. */
export async function resetInstance(): Promise<void> {
  const held = instance.get();
  instance.set(undefined);
  await (await held?.catch(() => null))?.listener.stop();
  live.cookie = null;
  live.headers = {};
  setAppDatabase(null);
  notifications.release();
}

export const harness: { user: CurrentUser | null } = { user: null };

/**
 * For vi.mock("@/lib/auth/session", …): everything as it is, except that the
 * signed-in user is whoever signInAs chose (the guards and loadActor ask getCurrentUser).
 */
export async function sessionMock(importOriginal: () => Promise<unknown>) {
  const original = (await importOriginal()) as typeof import("@/lib/auth/session");
  return { ...original, getCurrentUser: async () => harness.user };
}

/** Signs in as the user with this email (as a fresh session would), or signs out with null. */
export async function signInAs(email: string | null): Promise<CurrentUser | null> {
  if (!email) return (harness.user = null);
  const claims = await claimsFor(await getDb(), email);
  const authAt = Date.now();
  harness.user = {
    id: claims.userId,
    email: claims.email,
    name: claims.name,
    permissions: PERMISSIONS.filter((p) => claims.permissions.includes(p)),
    globalPermissions: claims.globalPermissions,
    permissionsUpdatedAt: claims.permissionsUpdatedAt,
    grantExp: claims.grantExp,
    authAt,
    organization: claims.organization ?? null,
    organizationChosenAt: authAt,
  };
  return harness.user;
}

export function formData(fields: Record<string, string | number | undefined>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) data.set(key, String(value));
  return data;
}

/** Where the app answers in these tests. */
export const URL_BASE = "http://localhost:3000";

/** A JSON POST to the app; a string body goes as it is (malformed JSON, say). */
export const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  new Request(`${URL_BASE}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });

/** A request of a token client, with its access token. */
export const bearer = (path: string, token: string, method = "GET") =>
  new Request(`${URL_BASE}${path}`, { method, headers: { authorization: `Bearer ${token}` } });

type SignInUser = { id: string; sessionOrigin?: { userAgent: string | null; clientAddress: string | null } };

/** next-auth's jwt callback: with `user` at sign-in, without on every later request. */
export async function jwt(params: { token: JWT; user?: SignInUser }): Promise<AuthToken> {
  // Imported when called: it imports lib/auth/session, which tests mock with sessionMock above.
  const { authOptions } = await import("@/lib/sign-in/next-auth");
  return (authOptions().callbacks!.jwt as unknown as (p: typeof params) => Promise<AuthToken>)(params);
}

/**
 * A page request with `cookie` as its session cookie (by default one the
 * browser already held), next to a cookie of another name; null: signed out.
 */
export function cookieRequest(path: string, cookie: string | null = "old-cookie"): NextRequest {
  return new NextRequest(`http://localhost${path}`, {
    headers: cookie ? { cookie: `${COOKIE_NAME}=${cookie}; other=1` } : {},
  });
}

/** The Set-Cookie line of a response for the session cookie, if any. */
export const sessionSetCookie = (response: Response) =>
  response.headers.getSetCookie().find((line) => line.startsWith(`${COOKIE_NAME}=`));
