// The lock files that give the embedded database one owner: who wins, when a
// holder counts as gone (dead pid, reused pid, reboot), and the runner's
// hand-over to its children. Strangers are real processes (`sleep`), so their
// pids are alive the way another `npm run dev` would be.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type LockRecord, newLockRecord, readLock, tryLock, unlock } from "@/lib/db/lock-file";
import {
  PgliteInUseError,
  lockPgliteDirectory,
  openLockFile,
  ownPgliteDirectory,
  ownerLockFile,
} from "@/lib/db/pglite-lock";
import { processStartTicks } from "@/lib/db/process-identity";

const hasProc = existsSync("/proc/self/stat");
let root: string;
let strangers: ChildProcess[] = [];

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), "pglite-lock-"));
});

afterEach(() => {
  for (const child of strangers) child.kill("SIGKILL");
  strangers = [];
  rmSync(root, { recursive: true, force: true });
});

/** A live process that is not us, holding a lock record the way another `npm run dev` would. */
function stranger(): LockRecord {
  const child = spawn("sleep", ["60"], { stdio: "ignore" });
  strangers.push(child);
  const pid = child.pid!;
  return { ...newLockRecord(), pid, startTicks: processStartTicks(pid), command: "node scripts/dev.ts" };
}

function goneProcess(): LockRecord {
  const pid = spawnSync("true").pid; // ran and exited
  return { ...newLockRecord(), pid, startTicks: null, command: "node scripts/db.ts migrate" };
}

function plant(file: string, record: LockRecord): void {
  writeFileSync(file, JSON.stringify(record));
}

describe("lock file", () => {
  it("lets one holder in and names it to the next", () => {
    const file = path.join(root, "x.lock");
    const first = tryLock(file, newLockRecord());
    expect(first.ok).toBe(true);
    const second = tryLock(file, newLockRecord());
    expect(second).toMatchObject({ ok: false, liveness: "alive", holder: { pid: process.pid } });
  });

  it("takes over a lock whose process is gone", () => {
    const file = path.join(root, "x.lock");
    const dead = goneProcess();
    plant(file, dead);
    const attempt = tryLock(file, newLockRecord());
    expect(attempt).toMatchObject({ ok: true, tookOverFrom: { pid: dead.pid } });
    expect(readLock(file)?.pid).toBe(process.pid);
  });

  it.runIf(hasProc)("takes over when the pid now belongs to a process started later (pid reuse)", () => {
    const file = path.join(root, "x.lock");
    plant(file, { ...stranger(), startTicks: processStartTicks(process.pid)! - 1 });
    expect(tryLock(file, newLockRecord()).ok).toBe(true);
  });

  it("takes over a lock written before the machine last booted", () => {
    const file = path.join(root, "x.lock");
    plant(file, { ...stranger(), bootId: "an-earlier-boot" });
    expect(tryLock(file, newLockRecord()).ok).toBe(hasProc); // without /proc there is no boot id to compare
  });

  it("never takes over from another host, which this machine cannot check", () => {
    const file = path.join(root, "x.lock");
    plant(file, { ...goneProcess(), host: "elsewhere.example" });
    expect(tryLock(file, newLockRecord())).toMatchObject({ ok: false, liveness: "other-host" });
  });

  it("takes over an unreadable lock once it is too old to be one being written", () => {
    const file = path.join(root, "x.lock");
    writeFileSync(file, "");
    const old = new Date(Date.now() - 60_000);
    utimesSync(file, old, old);
    expect(tryLock(file, newLockRecord()).ok).toBe(true);
  });

  it("is removed only by its own holder", () => {
    const file = path.join(root, "x.lock");
    const mine = newLockRecord();
    tryLock(file, mine);
    unlock(file, "someone-else");
    expect(existsSync(file)).toBe(true);
    unlock(file, mine.token);
    expect(existsSync(file)).toBe(false);
  });
});

describe("PGlite directory", () => {
  const dir = () => path.join(root, "pglite");

  it("refuses a second open, even in the same process, until the first is released", () => {
    const first = lockPgliteDirectory(dir(), undefined);
    expect(() => lockPgliteDirectory(dir(), undefined)).toThrow(/already open in this process/);
    first.release();
    expect(existsSync(ownerLockFile(dir()))).toBe(false);
    lockPgliteDirectory(dir(), undefined).release();
  });

  it("names the owner, and how to stop it, to a stranger", () => {
    const owner = stranger();
    plant(ownerLockFile(dir()), owner);
    const refusal = () => lockPgliteDirectory(dir(), undefined);
    expect(refusal).toThrow(PgliteInUseError);
    expect(refusal).toThrow(`belongs to process ${owner.pid} (node scripts/dev.ts)`);
    expect(refusal).toThrow(`kill ${owner.pid}`);
    expect(existsSync(openLockFile(dir()))).toBe(false); // refused before anything else
  });

  it("lets the owner's children in with its token, one at a time", () => {
    const runner = stranger();
    plant(ownerLockFile(dir()), runner);
    expect(() => lockPgliteDirectory(dir(), "not-the-token")).toThrow(PgliteInUseError);
    const child = lockPgliteDirectory(dir(), runner.token);
    expect(readLock(openLockFile(dir()))?.pid).toBe(process.pid);
    expect(() => lockPgliteDirectory(dir(), runner.token)).toThrow(/already open/);
    child.release();
    expect(readLock(ownerLockFile(dir()))?.token).toBe(runner.token); // the runner still owns it
  });

  it("refuses a runner while another process has the directory open (the orphan of a killed runner)", () => {
    plant(ownerLockFile(dir()), goneProcess());
    const orphan = stranger();
    plant(openLockFile(dir()), orphan);
    expect(() => ownPgliteDirectory(dir())).toThrow(`is open in process ${orphan.pid}`);
    expect(readLock(ownerLockFile(dir()))).toBeNull(); // the stale owner lock was cleared, ours let go
  });

  it("lets a runner open in its own process and keeps ownership across opens", () => {
    const owner = ownPgliteDirectory(dir());
    lockPgliteDirectory(dir(), undefined).release();
    expect(readLock(ownerLockFile(dir()))?.token).toBe(owner.token);
    expect(owner.childEnv).toEqual({ PGLITE_LOCK_TOKEN: owner.token });
    owner.release();
    expect(existsSync(ownerLockFile(dir()))).toBe(false);
  });
});
