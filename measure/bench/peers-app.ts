// The peers app (scripts/bench/peers): installed on first use with its own
// lockfile, built once, served by `next start`, on a database of its own on
// the benchmark's PostgreSQL server. Everything started here is undone by the
// cleanup (scripts/support/cleanup.ts).
import { spawn } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { onCleanup } from "../../scripts/support/cleanup";
import { type RunningServer, startServer } from "../../scripts/support/next-server";
import { scratchDatabase, withClient } from "../../scripts/support/scratch-database";

export const PEERS_DIR = path.resolve("scripts/bench/peers");
const INSTALL_TIMEOUT_MS = 10 * 60_000;
const BUILD_TIMEOUT_MS = 10 * 60_000;

/** Runs a command in the peers app, its output on stderr; fails on a non-zero exit or after `timeoutMs`. */
function run(label: string, command: string, args: string[], timeoutMs: number): Promise<void> {
  console.error(`Peers app: ${label}`);
  const child = spawn(command, args, {
    cwd: PEERS_DIR,
    stdio: ["ignore", 2, 2], // stdout carries only the table
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  const timer = setTimeout(() => child.kill("SIGTERM"), timeoutMs);
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`${label} failed (${signal ?? `exit code ${code}`})`));
    });
  });
}

/** `npm ci` when node_modules is missing or older than the lockfile (npm writes its own copy last). */
export async function ensureInstalled(): Promise<void> {
  const installed = path.join(PEERS_DIR, "node_modules/.package-lock.json");
  const lockfile = path.join(PEERS_DIR, "package-lock.json");
  if (existsSync(installed) && statSync(installed).mtimeMs >= statSync(lockfile).mtimeMs) return;
  await run("npm ci (first use)", "npm", ["ci", "--no-audit", "--no-fund"], INSTALL_TIMEOUT_MS);
}

export async function buildPeers(): Promise<void> {
  await run("next build", process.execPath, ["node_modules/next/dist/bin/next", "build"], BUILD_TIMEOUT_MS);
}

export function assertPeersBuilt(): void {
  if (!existsSync(path.join(PEERS_DIR, ".next/BUILD_ID")))
    throw new Error("--no-build, but the peers app has no build: run without --no-build once");
}

/** A fresh database with schema.sql applied, dropped by the cleanup; returns its name and URL. */
export async function createPeersDatabase(adminUrl: string): Promise<{ name: string; url: string }> {
  const database = scratchDatabase(adminUrl, "peers_bench");
  // Registered before CREATE, so a Ctrl-C in between still drops it.
  onCleanup(`drop database ${database.name}`, database.drop);
  await database.create();
  const schema = readFileSync(path.join(PEERS_DIR, "schema.sql"), "utf8");
  await withClient(database.url, (client) => client.query(schema));
  console.error(`Database: ${database.name}`);
  return { name: database.name, url: database.url };
}

export type PeersSettings = { databaseUrl: string; secret: string; shortWindowSeconds: number };

export function startPeers(label: string, settings: PeersSettings): Promise<RunningServer> {
  return startServer(
    label,
    {
      NODE_ENV: "production",
      DATABASE_URL: settings.databaseUrl,
      PEERS_SECRET: settings.secret,
      PEERS_SHORT_WINDOW_SECONDS: String(settings.shortWindowSeconds),
    },
    PEERS_DIR,
  );
}
