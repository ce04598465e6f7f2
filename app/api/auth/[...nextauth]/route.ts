import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";

// Options are built per request (cached after the first), never at import
// time, so `next build` does not read the environment.
function handler(req: Request, ctx: { params: Promise<{ nextauth: string[] }> }) {
  return NextAuth(authOptions())(req, ctx);
}

export { handler as GET, handler as POST };
