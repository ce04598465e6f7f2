// The app's one Prisma client, opened on first use (never at import time, so
// `next build` needs no database) and kept once per process: Next bundles the
// proxy, instrumentation and each route apart, and they must share one pool.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { onePerProcess, processSlot } from "@/lib/process-state";

const slot = processSlot<PrismaClient>("prisma");

export async function prisma(): Promise<PrismaClient> {
  return onePerProcess(
    slot,
    () => new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL }) }),
  );
}
