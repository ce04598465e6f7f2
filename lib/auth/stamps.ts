import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { StampSource } from "./freshness";

/** One database round trip per read: the "strict" mode, and the fallback of the cache. */
export function databaseStamps(prisma: PrismaClient): StampSource {
  return {
    async read(userId) {
      const rows = await prisma.$queryRaw<{ stamp: Date }[]>`
        SELECT "permissionsUpdatedAt" AS stamp FROM "User" WHERE id = ${userId}`;
      return rows[0]?.stamp.getTime() ?? null;
    },
  };
}
