import "server-only";
import { getDb } from "@/lib/db/client";
import type { FreshnessMode, StampSource } from "./freshness";
import { databaseStamps } from "./stamps";

export async function getStampSource(mode: Exclude<FreshnessMode, "off">): Promise<StampSource> {
  const db = await getDb();
  // The cached source arrives with live change notifications (refresh-claims work).
  void mode;
  return databaseStamps(db.prisma);
}
