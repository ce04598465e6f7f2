// Connections, one pool per library as each would have in its own app, all
// opened on first use (never during `next build`).
import { PrismaPg } from "@prisma/adapter-pg";
import { Pool } from "pg";
import { PrismaClient } from "@/generated/prisma/client";
import { peersEnv } from "./env";

function lazily<T>(open: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= open());
}

/** next-auth's Prisma adapter and its session callback. */
export const prisma = lazily(
  () => new PrismaClient({ adapter: new PrismaPg({ connectionString: peersEnv().databaseUrl }) }),
);

/** Better Auth's own storage (its Kysely adapter over this pool) and its version function. */
export const betterAuthPool = lazily(() => new Pool({ connectionString: peersEnv().databaseUrl }));

/** The hand-written session's one query. */
export const handPool = lazily(() => new Pool({ connectionString: peersEnv().databaseUrl }));
