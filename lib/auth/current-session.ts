import "server-only";
import { cookies } from "next/headers";
import { env } from "@/lib/env";
import { freshSessionOf } from "./fresh-session";
import { sessionCookieName } from "./session-cookie";
import type { AuthToken } from "./token";

/**
 * The session token of the current request with fresh claims, or null when
 * signed out, expired, tampered with, revoked or disabled. It reads the cookie
 * the proxy may already have refreshed for this request, and runs the same
 * freshness check as the proxy and next-auth's jwt callback. Unlike
 * getServerSession it never re-encodes the token: nothing here could write
 * the cookie anyway (only the proxy can).
 */
export async function readFreshSession(): Promise<AuthToken | null> {
  const raw = (await cookies()).get(sessionCookieName(env().secureCookies))?.value;
  return freshSessionOf(raw);
}
