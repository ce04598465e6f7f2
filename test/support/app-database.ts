// The one seam between a test and the app's database handle: lib/db/client.ts
// keeps the process's handle in `dbSlot`, and a test puts its own database
// there (no vi.mock of the module). Everything that asks getDb() or
// getPrisma() (the data layer, the live instance, the harness) then gets it.
import { dbSlot } from "@/lib/db/client";
import type { Database } from "@/lib/db/open";

type Opener = () => Promise<Database>;

const none: Opener = () => Promise.reject(new Error("no database here"));

/**
 * From now on the app's database is `db`. A function is called each time the
 * handle is awaited (a unit test that counts or fails the opens); null means
 * none: every use fails, and the configured database is never opened.
 */
export function setAppDatabase(db: Database | Opener | null): void {
  const open = db === null ? none : typeof db === "function" ? db : () => Promise.resolve(db);
  // A promise-like, not a promise: it opens when awaited, so an unused "none" never rejects unheard.
  const handle: PromiseLike<Database> = { then: (resolved, rejected) => open().then(resolved, rejected) };
  dbSlot.set(handle as Promise<Database>);
}
