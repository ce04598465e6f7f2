// Better Auth 1.7 with its own PostgreSQL storage (its Kysely adapter over a
// pg pool), four ways, each an instance with its own cookie prefix and base
// path (/api/<peer>/auth):
// - better-auth: no cookie cache; every session read looks the session up.
// - better-auth-cache: the cookie cache at its default window (5 minutes):
//   the session and user, permissions included, are trusted from a signed
//   cookie until it ends.
// - better-auth-cache-short: the same with a window of PEERS_SHORT_WINDOW_SECONDS.
// - better-auth-cache-version: the default window, plus a cookie cache
//   `version` function returning the user's permissionsVersion, a stamp a
//   trigger moves when their roles change: a cached cookie whose version
//   differs is dropped and the session read again.
// The user's permissions are an additional user field kept by the same
// trigger (schema.sql), so they travel in the cached session as the admin
// plugin's `role` field would.
import { betterAuth } from "better-auth";
import type { NextRequest } from "next/server";
import { betterAuthPool } from "../db";
import { decide, type Decision } from "../decision";
import { peersEnv } from "../env";

export const BETTER_AUTH_PEERS = [
  "better-auth",
  "better-auth-cache",
  "better-auth-cache-short",
  "better-auth-cache-version",
] as const;
export type BetterAuthPeer = (typeof BETTER_AUTH_PEERS)[number];

/** The version function: one indexed read of the user's stamp. */
async function permissionsVersion(_session: unknown, user: { id: string }): Promise<string> {
  const { rows } = await betterAuthPool().query<{ v: number }>(
    `SELECT "permissionsVersion" AS v FROM ba_user WHERE id = $1`,
    [user.id],
  );
  return String(rows[0]?.v ?? "gone");
}

function cookieCache(peer: BetterAuthPeer) {
  switch (peer) {
    case "better-auth":
      return undefined;
    case "better-auth-cache":
      return { enabled: true };
    case "better-auth-cache-short":
      return { enabled: true, maxAge: peersEnv().shortWindowSeconds };
    case "better-auth-cache-version":
      return { enabled: true, version: permissionsVersion };
  }
}

function createAuth(peer: BetterAuthPeer) {
  const env = peersEnv();
  return betterAuth({
    baseURL: env.baseUrl,
    basePath: `/api/${peer}/auth`,
    secret: env.secret,
    database: betterAuthPool(),
    emailAndPassword: { enabled: true },
    user: {
      modelName: "ba_user",
      additionalFields: {
        permissions: { type: "string", input: false, required: false, defaultValue: "" },
        permissionsVersion: { type: "number", input: false, required: false, defaultValue: 1 },
      },
    },
    session: { modelName: "ba_session", cookieCache: cookieCache(peer) },
    account: { modelName: "ba_account" },
    verification: { modelName: "ba_verification" },
    advanced: { cookiePrefix: peer },
    telemetry: { enabled: false },
    // Its limiter (on in production) allows 3 sign-ins per 10 s from one
    // address; the benchmark signs many users in from 127.0.0.1. It guards the
    // auth endpoints only, not the session reads measured here.
    rateLimit: { enabled: false },
  });
}

const instances = new Map<BetterAuthPeer, ReturnType<typeof createAuth>>();

export function betterAuthFor(peer: BetterAuthPeer): ReturnType<typeof createAuth> {
  let auth = instances.get(peer);
  if (!auth) instances.set(peer, (auth = createAuth(peer)));
  return auth;
}

export async function betterAuthDecision(peer: BetterAuthPeer, request: NextRequest): Promise<Decision> {
  const { headers, response } = await betterAuthFor(peer).api.getSession({
    headers: request.headers,
    returnHeaders: true,
  });
  // A refreshed or dropped cache cookie comes back here; the route passes it on.
  const permissions = response ? (response.user.permissions ?? "").split(",").filter(Boolean) : null;
  return decide(permissions, headers.getSetCookie());
}
