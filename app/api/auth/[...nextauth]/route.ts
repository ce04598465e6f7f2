import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { authOptions, withRetryAfter } from "@/lib/auth";

type Context = { params: Promise<{ nextauth: string[] }> };

// Options are built per request (cached after the first), never at import
// time, so `next build` does not read the environment.
function handler(req: NextRequest, ctx: Context) {
  return NextAuth(authOptions())(req, ctx);
}

/** The credentials callback answers 429 with Retry-After while a sign-in limit holds. */
async function post(req: NextRequest, ctx: Context) {
  const response = await handler(req, ctx);
  return req.nextUrl.pathname.endsWith("/callback/credentials") ? withRetryAfter(response) : response;
}

export { handler as GET, post as POST };
