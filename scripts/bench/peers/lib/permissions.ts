// The user's permissions through their roles, as next-auth's callbacks read
// them (one query through the Prisma client).
import { prisma } from "./db";

export async function readPermissions(userId: string): Promise<string[]> {
  const rows = await prisma().rolePermission.findMany({
    where: { role: { users: { some: { userId } } } },
    select: { permission: true },
    distinct: ["permission"],
  });
  return rows.map((row) => row.permission);
}
