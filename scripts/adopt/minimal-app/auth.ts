// next-auth's options for the minimal app: email and password (bcrypt) against
// the User table, JWT sessions. The live-claims line is the jwt callback: at
// sign-in the token gets the user's claims and permission stamp (read in one
// statement) and a session registry row; on every later call, the same
// freshness check as the proxy's, so getServerSession never hands out stale
// claims either (a refused session throws, and next-auth drops it).
import bcrypt from "bcrypt";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { authConfig, refreshedToken, signInToken } from "@/lib/auth";
import { prisma } from "./db";

export function authOptions(): NextAuthOptions {
  const { authSecret, secureCookies } = authConfig();
  return {
    secret: authSecret,
    // The proxy reads the cookie by the core's name for it: both must agree.
    useSecureCookies: secureCookies,
    session: { strategy: "jwt" },
    providers: [
      CredentialsProvider({
        credentials: { email: { type: "email" }, password: { type: "password" } },
        async authorize(credentials) {
          const user = await (await prisma()).user.findUnique({ where: { email: credentials?.email ?? "" } });
          const ok =
            user?.passwordHash &&
            !user.disabledAt &&
            (await bcrypt.compare(credentials?.password ?? "", user.passwordHash));
          return ok ? { id: user.id, email: user.email, name: user.name } : null;
        },
      }),
    ],
    callbacks: {
      jwt: ({ token, user }) => (user ? signInToken(token, user.id) : refreshedToken(token)),
    },
  };
}
