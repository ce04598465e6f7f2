// Server code without `import "server-only"`, which throws in the Pages Router
// route pages/api/me/events.ts that uses it; eslint.config.mjs keeps it out of
// client code.
import { env } from "@/lib/env";
import { type Database, describeTarget, openDatabase } from "./open";
import { targetFromEnv } from "./target";

// Next bundles proxy.ts, route handlers and pages separately, so module state
// is not shared between them; the one database handle lives on globalThis.
// It is opened on first use, never at import time or during `next build`.
const holder = globalThis as typeof globalThis & { __authzDb?: Promise<Database> };

export function getDb(): Promise<Database> {
  if (!holder.__authzDb) {
    const target = targetFromEnv(env());
    // The pid shows which process owns the database (PGlite allows only one).
    console.info(`[db] opening ${describeTarget(target)} in process ${process.pid}`);
    holder.__authzDb = openDatabase(target).catch((error: unknown) => {
      holder.__authzDb = undefined; // let the next request retry
      // Say why here: the requests that fail only answer 503 (e.g. another process owns the PGlite directory).
      console.error(
        `[db] could not open ${describeTarget(target)}: ${error instanceof Error ? error.message : error}`,
      );
      throw error;
    });
  }
  return holder.__authzDb;
}

export async function getPrisma() {
  return (await getDb()).prisma;
}
