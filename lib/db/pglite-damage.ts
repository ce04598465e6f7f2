// What to tell someone whose embedded database will not open. PGlite reports a
// damaged data directory as a bare WebAssembly abort ("Aborted(). Build with
// -sASSERTIONS for more info.") or "PGlite failed to initialize properly",
// which says nothing about the cause or the way out.
import { existsSync } from "node:fs";
import path from "node:path";

const DAMAGE = /Aborted\(|failed to initialize|RuntimeError|unreachable|PANIC|could not (read|open)/i;

/** Whether `dir` holds a database already (as opposed to an empty or new directory). */
export function holdsDatabase(dir: string | undefined): dir is string {
  return dir !== undefined && existsSync(path.join(dir, "PG_VERSION"));
}

class PgliteDamagedError extends Error {
  override name = "PgliteDamagedError";
}

/** Wraps an error from opening an existing directory in one that says what happened and what to do. */
export function explainOpenFailure(dir: string, error: unknown): Error {
  const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  if (!DAMAGE.test(reason)) return error instanceof Error ? error : new Error(reason);
  const shown = path.relative(process.cwd(), dir) || dir;
  return new PgliteDamagedError(
    `The embedded database in ${shown} could not be opened (PGlite stopped with "${reason}").\n` +
      "Its data directory is damaged, most likely because two processes had it open at once " +
      "or a process was killed while writing.\n" +
      "Run `npm run db:reset`: it moves the directory aside to a backup (keeping the old files) " +
      "and creates a fresh database, migrated and seeded with the demo accounts.",
    { cause: error },
  );
}
