// The embedded database's directory has one owner. PGlite runs PostgreSQL
// inside one process with no shared memory or locks of its own, so a second
// process that opens the same directory (even just to run migrations) loses
// writes or leaves it unreadable. Two lock files beside the directory:
//
//   <dir>.lock       the owner: the process that may use the directory. Usually
//                    the one that opens it; a runner (npm run dev, the e2e
//                    server) keeps it for its whole life and hands it to its
//                    children through PGLITE_LOCK_TOKEN, so a second runner
//                    refuses at once, even between two opens.
//   <dir>.open.lock  the process that has it open right now: exactly one, even
//                    among a runner's children, and even if the runner died.
//
// Both are taken before the directory is touched and dropped on close and at exit.
import { constants } from "node:os";
import path from "node:path";
import { env } from "@/lib/env";
import { type LockRecord, newLockRecord, readLock, sleep, tryLock, unlock } from "./lock-file";
import { livenessOf } from "./process-identity";

/** The variable a runner's children inherit (read through lib/env.ts). */
const PGLITE_LOCK_TOKEN_ENV = "PGLITE_LOCK_TOKEN";

export class PgliteInUseError extends Error {
  override name = "PgliteInUseError";
}

export type Release = { release(): void };
export type Ownership = Release & { token: string; childEnv: Record<string, string> };

export const ownerLockFile = (dir: string) => `${path.resolve(dir)}.lock`;
export const openLockFile = (dir: string) => `${path.resolve(dir)}.open.lock`;

/** Lock files this process holds (file → token), removed at exit. */
const held = new Map<string, string>();
/** Directories this process owns as a runner (resolved dir → token). */
const owned = new Map<string, string>();

function shown(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith("..") ? file : relative;
}

function refusal(dir: string, holder: LockRecord, sameHost: boolean, role: "owner" | "open"): string {
  const what = role === "owner" ? "belongs to" : "is open in";
  const since = new Date(holder.since).toLocaleString();
  const who = `process ${holder.pid} (${holder.command}), since ${since}`;
  if (holder.pid === process.pid && sameHost)
    return `The embedded database in ${shown(dir)} is already open in this process; close it before opening it again.`;
  if (!sameHost)
    return (
      `The embedded database in ${shown(dir)} ${what} ${who} on the host "${holder.host}".\n` +
      `If that machine no longer uses it, delete ${shown(role === "owner" ? ownerLockFile(dir) : openLockFile(dir))} and try again.`
    );
  return (
    `The embedded database in ${shown(dir)} ${what} ${who}.\n` +
    "Only one process may use it at a time (a second one would corrupt it), so this one stopped before touching it.\n" +
    `Stop that process first (Ctrl-C in its terminal, or: kill ${holder.pid}), then try again.`
  );
}

let exitHooked = false;

function releaseAtExit(): void {
  if (exitHooked) return;
  exitHooked = true;
  process.on("exit", () => {
    for (const [file, token] of held) unlock(file, token);
    for (const dir of owned.keys()) clearOpenLockOfGoneChild(dir);
  });
  // A signal nobody else handles would end the process without 'exit': end it
  // through process.exit instead. Where the app handles the signal itself
  // (Next, our runners), it exits in its own time and 'exit' still fires.
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.on(signal, () => {
      if (process.listenerCount(signal) === 1) process.exit(128 + constants.signals[signal]);
    });
  }
}

function take(
  dir: string,
  file: string,
  role: "owner" | "open",
  token?: string,
): Release & { token: string } {
  const attempt = tryLock(file, newLockRecord(token));
  if (!attempt.ok)
    throw new PgliteInUseError(refusal(dir, attempt.holder, attempt.liveness === "alive", role));
  const gone = attempt.tookOverFrom;
  if (gone)
    console.warn(
      `[db] ${shown(file)} was left by process ${gone.pid} (${gone.command}), which is no longer running; taken over.`,
    );
  releaseAtExit();
  const mine = attempt.record.token;
  held.set(file, mine);
  return {
    token: mine,
    release() {
      held.delete(file);
      unlock(file, mine);
    },
  };
}

/**
 * `next dev` kills its server with SIGKILL 100 ms after Ctrl-C, too soon for
 * it to remove its open lock. Its runner, exiting after it, removes the lock
 * once that process is gone, so the next start has nothing stale to report.
 */
function clearOpenLockOfGoneChild(dir: string): void {
  const file = openLockFile(dir);
  for (let waited = 0; waited < 2_000; waited += 50) {
    const holder = readLock(file);
    if (!holder || holder.pid === process.pid) return;
    if (livenessOf(holder) === "gone") return unlock(file, holder.token);
    sleep(50);
  }
}

/** Refuses if a process other than this one has `dir` open (say, the orphan of a killed runner). */
function assertNotOpenElsewhere(dir: string): void {
  take(dir, openLockFile(dir), "open").release();
}

/**
 * For runners: owns `dir` until `release()` or exit. Opens in this process
 * are allowed; children started with `childEnv` may open it too (one at a time).
 */
export function ownPgliteDirectory(dir: string): Ownership {
  const resolved = path.resolve(dir);
  const owner = take(resolved, ownerLockFile(resolved), "owner");
  try {
    assertNotOpenElsewhere(resolved);
  } catch (error) {
    owner.release();
    throw error;
  }
  owned.set(resolved, owner.token);
  return {
    token: owner.token,
    childEnv: { [PGLITE_LOCK_TOKEN_ENV]: owner.token },
    release() {
      clearOpenLockOfGoneChild(resolved);
      owned.delete(resolved);
      owner.release();
    },
  };
}

/** Whether a live runner owns `dir` and gave us its token. */
function ownedByOurRunner(dir: string, inheritedToken: string | undefined): boolean {
  if (!inheritedToken) return false;
  const owner = readLock(ownerLockFile(dir));
  return owner?.token === inheritedToken && livenessOf(owner) === "alive";
}

/**
 * Called before PGlite opens `dir`: takes ownership (unless this process or
 * the runner that started it owns it already) and the open lock, or throws a
 * PgliteInUseError naming the holder. `release()` when the database closes.
 */
export function lockPgliteDirectory(dir: string, inheritedToken = env().pgliteLockToken): Release {
  const resolved = path.resolve(dir);
  const delegated = owned.has(resolved) || ownedByOurRunner(resolved, inheritedToken);
  const owner = delegated ? null : take(resolved, ownerLockFile(resolved), "owner");
  try {
    const open = take(resolved, openLockFile(resolved), "open");
    return {
      release() {
        open.release();
        owner?.release();
      },
    };
  } catch (error) {
    owner?.release();
    throw error;
  }
}
