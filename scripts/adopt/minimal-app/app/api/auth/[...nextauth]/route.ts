import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { authOptions } from "../../../../auth";

type Context = { params: Promise<{ nextauth: string[] }> };

// The options are built per request, not at import: `next build` has no secret to read.
function handler(request: NextRequest, context: Context) {
  return NextAuth(authOptions())(request, context);
}

export { handler as GET, handler as POST };
