import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { authOptions, configuredProviders, withRetryAfter } from "@/lib/sign-in";
import { bodyLimitRefusal } from "@/lib/security/body-limit";
import { answeredHere } from "./endpoints";

type Context = { params: Promise<{ nextauth: string[] }> };

// Options are built per request (cached after the first), never at import
// time, so `next build` does not read the environment. next-auth reads a
// body whole, so its bound is checked first (the proxy checks it too).
async function handler(req: NextRequest, ctx: Context) {
  const providerIds = configuredProviders().map((provider) => provider.id);
  const refused =
    bodyLimitRefusal(req.headers) ??
    answeredHere(req.method, (await ctx.params).nextauth, providerIds, req.nextUrl.searchParams.get("error"));
  if (refused) return refused;
  return NextAuth(authOptions())(req, ctx);
}

/** The credentials callback answers 429 with Retry-After while a sign-in limit holds. */
async function post(req: NextRequest, ctx: Context) {
  const response = await handler(req, ctx);
  return req.nextUrl.pathname.endsWith("/callback/credentials") ? withRetryAfter(response) : response;
}

export { handler as GET, post as POST };
