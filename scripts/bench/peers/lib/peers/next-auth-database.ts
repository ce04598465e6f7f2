// next-auth 4 with database sessions through its Prisma adapter: every
// session read looks the session and its user up (the adapter), then the
// session callback reads the user's permissions. Exact, at two reads per
// request. The benchmark inserts the Session row itself: next-auth's
// credentials provider cannot create database sessions.
import { PrismaAdapter } from "@next-auth/prisma-adapter";
import type { AuthOptions } from "next-auth";
import { getServerSession } from "next-auth/next";
import { prisma } from "../db";
import { decide, type Decision } from "../decision";
import { peersEnv } from "../env";
import { readPermissions } from "../permissions";

let options: AuthOptions | undefined;

function authOptions(): AuthOptions {
  return (options ??= {
    // The adapter is typed against @prisma/client's own client; ours is generated elsewhere (Prisma 7).
    adapter: PrismaAdapter(prisma() as unknown as Parameters<typeof PrismaAdapter>[0]),
    session: { strategy: "database" },
    secret: peersEnv().secret,
    providers: [],
    callbacks: {
      async session({ session, user }) {
        return { ...session, permissions: await readPermissions(user.id) };
      },
    },
  });
}

export async function nextAuthDatabase(): Promise<Decision> {
  const session = (await getServerSession(authOptions())) as { permissions?: string[] } | null;
  return decide(session ? (session.permissions ?? []) : null);
}
