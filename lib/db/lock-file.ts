// An exclusive lock file that says who holds it. Created with O_EXCL, so of
// two processes racing for it exactly one wins; a file left by a process that
// is gone (crash, kill -9, reboot) is taken over. Synchronous on purpose: it
// runs before anything else touches the guarded directory, and at exit.
import { randomUUID } from "node:crypto";
import { mkdirSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { type Liveness, type ProcessIdentity, currentProcess, livenessOf } from "./process-identity";

export type LockRecord = ProcessIdentity & {
  /** ISO time the lock was taken. */
  since: string;
  /** Identifies this holding: only its holder removes it, and a runner hands it to its children. */
  token: string;
};

type LockAttempt =
  | { ok: true; record: LockRecord; tookOverFrom: LockRecord | null }
  | { ok: false; holder: LockRecord; liveness: Exclude<Liveness, "gone"> };

/** A lock file younger than this that cannot be parsed is being written right now. */
const WRITING_GRACE_MS = 5_000;
const MAX_ATTEMPTS = 200;

export function newLockRecord(token: string = randomUUID()): LockRecord {
  return { ...currentProcess(), since: new Date().toISOString(), token };
}

/** Blocks the thread: only ever for a few milliseconds, while another process finishes with a lock. */
export function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** false when the file exists already. */
function createExclusive(file: string, content: string): boolean {
  try {
    writeFileSync(file, content, { flag: "wx", mode: 0o644 });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
}

function readRaw(file: string): string | null {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

function parse(raw: string): LockRecord | null {
  try {
    const value = JSON.parse(raw) as Partial<LockRecord>;
    return typeof value.pid === "number" && typeof value.token === "string" ? (value as LockRecord) : null;
  } catch {
    return null;
  }
}

export function readLock(file: string): LockRecord | null {
  const raw = readRaw(file);
  return raw === null ? null : parse(raw);
}

function ageMs(file: string): number {
  try {
    return Date.now() - statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

/**
 * Removes `file` if it still holds exactly `staleRaw`. A guard file makes the
 * check and the removal one step: without it, two processes that both saw the
 * same stale lock could each remove it, the slower one deleting the lock the
 * faster one had just created.
 */
function removeStale(file: string, staleRaw: string): void {
  const guard = `${file}.takeover`;
  if (!createExclusive(guard, String(process.pid))) {
    // Another process is taking over right now; a guard this old was left by a crash in that instant.
    if (ageMs(guard) > WRITING_GRACE_MS) rmSync(guard, { force: true });
    else sleep(20);
    return;
  }
  try {
    if (readRaw(file) === staleRaw) unlinkSync(file);
  } finally {
    rmSync(guard, { force: true });
  }
}

/** Takes `file` for `record`, or says who holds it. A holder that is gone is replaced. */
export function tryLock(file: string, record: LockRecord): LockAttempt {
  const content = `${JSON.stringify(record, null, 2)}\n`;
  mkdirSync(path.dirname(file), { recursive: true });
  let tookOverFrom: LockRecord | null = null;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    if (createExclusive(file, content)) return { ok: true, record, tookOverFrom };
    const raw = readRaw(file);
    if (raw === null) continue; // released between our two calls
    const holder = parse(raw);
    if (!holder) {
      // Created but not yet written (O_EXCL creates first, writes second), or left half-written by a crash.
      if (ageMs(file) < WRITING_GRACE_MS) sleep(25);
      else removeStale(file, raw);
      continue;
    }
    const liveness = livenessOf(holder);
    if (liveness !== "gone") return { ok: false, holder, liveness };
    tookOverFrom = holder;
    removeStale(file, raw);
  }
  throw new Error(`Could not take the lock ${file}: it kept changing hands.`);
}

/** Removes `file` if this holding (its token) still owns it. */
export function unlock(file: string, token: string): void {
  if (readLock(file)?.token === token) rmSync(file, { force: true });
}
