// Server code without `import "server-only"`, which throws in the Pages Router
// route pages/api/me/events.ts that uses it; eslint.config.mjs keeps it out of
// client code.
import { env } from "@/lib/env";
import { type Database, describeTarget, openDatabase } from "./open";
import { targetFromEnv } from "./target";
import { onePerProcessRetried, processSlot } from "@/lib/process-state";

/**
 * Where the one database handle of the process is kept, whichever bundle asks
 * (lib/process-state.ts). The tests put their own database here
 * (test/support/app-database.ts) instead of replacing this module.
 */
export const dbSlot = processSlot<Promise<Database>>("db");

// The handle is opened on first use, never at import time or during `next
// build`; a failed open is forgotten, so the next request tries again.
export function getDb(): Promise<Database> {
  return onePerProcessRetried(dbSlot, async () => {
    const target = targetFromEnv(env());
    // The pid shows which process owns the database (PGlite allows only one).
    console.info(`[db] opening ${describeTarget(target)} in process ${process.pid}`);
    try {
      return await openDatabase(target);
    } catch (error) {
      // Say why here: the requests that fail only answer 503 (e.g. another process owns the PGlite directory).
      console.error(
        `[db] could not open ${describeTarget(target)}: ${error instanceof Error ? error.message : error}`,
      );
      throw error;
    }
  });
}

export async function getPrisma() {
  return (await getDb()).prisma;
}
