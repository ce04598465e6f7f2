// next-auth 4 with JWT sessions, the frozen baseline: the permissions go into
// the token at sign-in (the jwt callback's `user` is only there then) and are
// trusted until the token ends. The benchmark mints the token with
// next-auth's own `encode`, holding what that sign-in would have put in it.
import type { AuthOptions } from "next-auth";
import { getServerSession } from "next-auth/next";
import { decide, type Decision } from "../decision";
import { peersEnv } from "../env";
import { readPermissions } from "../permissions";

let options: AuthOptions | undefined;

function authOptions(): AuthOptions {
  return (options ??= {
    session: { strategy: "jwt" },
    secret: peersEnv().secret,
    providers: [],
    callbacks: {
      async jwt({ token, user }) {
        if (user) token.permissions = await readPermissions(user.id);
        return token;
      },
      session({ session, token }) {
        return { ...session, permissions: Array.isArray(token.permissions) ? token.permissions : [] };
      },
    },
  });
}

export async function nextAuthJwt(): Promise<Decision> {
  const session = (await getServerSession(authOptions())) as { permissions?: string[] } | null;
  return decide(session ? (session.permissions ?? []) : null);
}
