// One owner for the embedded database, tried with real processes: the npm
// scripts (scripts/db.ts) and fixtures that open the directory the way the
// app and `npm run dev` do. PGlite only: PostgreSQL has a server that
// arbitrates its clients (its db:reset is in db-reset.test.ts).
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { readLock } from "@/lib/db/lock-file";
import { openDatabase } from "@/lib/db/open";
import { openLockFile, ownerLockFile } from "@/lib/db/pglite-lock";
import { DEMO_MEMBERS, DEMO_USERS } from "@/lib/db/demo-data";
import { killAll, spawnScript } from "../support/processes";

const HOLDER = "test/support/fixtures/pglite-holder.ts";
const RUNNER = "test/support/fixtures/pglite-runner.ts";
const DB_SCRIPT = "scripts/db.ts";

let root: string;
let template: string;
let count = 0;

// One initialised directory (PGlite's initdb takes seconds), copied for each test.
beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), "pglite-owner-"));
  template = path.join(root, "template");
  const db = await openDatabase({ kind: "pglite", dir: template });
  await db.sql.exec(`CREATE TABLE note (text TEXT NOT NULL)`);
  await db.close();
}, 120_000);

afterEach(async () => {
  await killAll();
  vi.restoreAllMocks();
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

function freshDir(): string {
  const dir = path.join(root, `db-${++count}`);
  cpSync(template, dir, { recursive: true });
  return dir;
}

async function notes(dir: string): Promise<string[]> {
  const db = await openDatabase({ kind: "pglite", dir });
  try {
    const rows = await db.sql.query<{ text: string }>(`SELECT text FROM note ORDER BY text`);
    return rows.map((r) => r.text);
  } finally {
    await db.close();
  }
}

/** Every file under `dir` with its size and modification time: any write shows. */
function snapshot(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .sort()
    .map((file) => {
      const stat = statSync(path.join(dir, file));
      return `${file} ${stat.size} ${stat.mtimeMs}`;
    });
}

// Each test starts several Node processes; on a loaded 2-core machine that takes a while.
describe("the embedded database has one owner", { timeout: 180_000 }, () => {
  it("refuses a second process before it touches the directory, and the first one's data survives", async () => {
    const dir = freshDir();
    const first = spawnScript(HOLDER, [dir, "written by the first"]);
    await first.waitFor(/READY/);
    const before = snapshot(dir);

    const others = [
      spawnScript(DB_SCRIPT, ["migrate"], { PGLITE_DIR: dir }),
      spawnScript(DB_SCRIPT, ["reset"], { PGLITE_DIR: dir }),
      spawnScript(HOLDER, [dir, "written by a second app process"]),
    ];
    for (const other of others) {
      expect(await other.exited()).toBe(1);
      expect(other.output()).toContain(`belongs to process ${first.pid} (node ${HOLDER}`);
      expect(other.output()).toContain(`kill ${first.pid}`);
    }
    expect(snapshot(dir)).toEqual(before);

    first.child.kill("SIGTERM");
    expect(await first.exited()).toBe(0);
    expect(existsSync(ownerLockFile(dir))).toBe(false);
    expect(await notes(dir)).toEqual(["written by the first"]);
  });

  it("takes over the lock of an owner killed with kill -9, with its committed data", async () => {
    const dir = freshDir();
    const owner = spawnScript(HOLDER, [dir, "committed before kill -9"]);
    await owner.waitFor(/READY/);
    owner.child.kill("SIGKILL");
    await owner.exited();
    expect(readLock(ownerLockFile(dir))?.pid).toBe(owner.pid); // left behind

    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    expect(await notes(dir)).toEqual(["committed before kill -9"]);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining(`left by process ${owner.pid}`));
  });

  it("lets the runner's child open it, but not a stranger, nor a second child at the same time", async () => {
    const dir = freshDir();
    const runner = spawnScript(RUNNER, [dir, "written by the runner's child"]);
    const childPid = Number(/READY (\d+)/.exec(await runner.waitFor(/READY \d+/))![1]);
    expect(readLock(ownerLockFile(dir))?.pid).toBe(runner.pid); // its own handle is closed, it still owns
    expect(readLock(openLockFile(dir))?.pid).toBe(childPid);

    const stranger = spawnScript(DB_SCRIPT, ["seed"], { PGLITE_DIR: dir });
    expect(await stranger.exited()).toBe(1);
    expect(stranger.output()).toContain(`belongs to process ${runner.pid} (node ${RUNNER}`);

    const token = readLock(ownerLockFile(dir))!.token;
    const sibling = spawnScript(HOLDER, [dir, "a second child"], { PGLITE_LOCK_TOKEN: token });
    expect(await sibling.exited()).toBe(1);
    expect(sibling.output()).toContain(`is open in process ${childPid}`);

    runner.child.kill("SIGTERM");
    expect(await runner.exited()).toBe(0);
    expect(existsSync(ownerLockFile(dir))).toBe(false);
    expect(existsSync(openLockFile(dir))).toBe(false);
    expect(await notes(dir)).toEqual(["written by the runner's child"]);
  });

  it("says to run db:reset when the directory is damaged; db:reset backs it up and starts afresh", async () => {
    const dir = freshDir();
    const wal = readdirSync(path.join(dir, "pg_wal")).find((f) => /^[0-9A-F]{24}$/.test(f))!;
    writeFileSync(path.join(dir, "pg_wal", wal), Buffer.alloc(32_768, 0xab), { flag: "r+" });

    const migrate = spawnScript(DB_SCRIPT, ["migrate"], { PGLITE_DIR: dir });
    expect(await migrate.exited()).toBe(1);
    expect(migrate.output()).toContain("could not be opened");
    expect(migrate.output()).toContain("Run `npm run db:reset`");
    expect(existsSync(ownerLockFile(dir))).toBe(false);

    const reset = spawnScript(DB_SCRIPT, ["reset"], { PGLITE_DIR: dir });
    expect(await reset.exited(120_000)).toBe(0);
    const moved = /Moved the old data directory to (.+)/.exec(reset.output())?.[1];
    const backup = path.resolve(moved ?? "(not printed)");
    expect(path.dirname(backup)).toBe(path.dirname(dir));
    expect(path.basename(backup)).toMatch(/^db-\d+\.backup-\d{8}-\d{6}$/);
    expect(readdirSync(path.join(backup, "pg_wal"))).toContain(wal); // the damaged files, kept

    const db = await openDatabase({ kind: "pglite", dir });
    try {
      const users = await db.sql.query<{ email: string }>(`SELECT email FROM "User" ORDER BY email`);
      expect(users.map((u) => u.email)).toEqual([...DEMO_USERS, ...DEMO_MEMBERS].map((u) => u.email).sort());
      expect(await db.sql.query(`SELECT to_regclass('note') AS note`)).toEqual([{ note: null }]);
    } finally {
      await db.close();
    }
  });
});
