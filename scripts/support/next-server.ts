// `next build` and `next start` as child processes. Each server runs in its
// own process group, so stopping it also stops anything Next spawned, and
// Ctrl-C in the terminal reaches the benchmark first, which then cleans up.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { onCleanup } from "./cleanup";

const NEXT_BIN = path.resolve("node_modules/next/dist/bin/next");

export async function buildApp(): Promise<void> {
  console.error("Building: next build");
  // Build output goes to stderr (fd 2): stdout carries only the table.
  const child = spawn(process.execPath, [NEXT_BIN, "build"], {
    stdio: ["ignore", 2, 2],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  if (code !== 0) throw new Error(`next build failed (exit code ${code})`);
}

export function assertBuildExists(): void {
  if (!existsSync(path.resolve(".next/BUILD_ID")))
    throw new Error("--no-build, but there is no build in .next: run without --no-build once");
}

/** A port nobody listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolve(address.port) : reject()));
    });
  });
}

export type RunningServer = {
  baseUrl: string;
  /** The server's process, which leads its own process group (what it spawned is counted with it). */
  pid: number;
  /** False once the process has exited, for whatever reason. */
  running(): boolean;
  stop(): Promise<void>;
};

/** `appDir`: another checkout with its own build and node_modules (to measure an older version). */
export async function startServer(
  label: string,
  env: Record<string, string>,
  appDir?: string,
): Promise<RunningServer> {
  const bin = appDir ? path.resolve(appDir, "node_modules/next/dist/bin/next") : NEXT_BIN;
  return launch(label, env, (port) => [bin, "start", "-H", "127.0.0.1", "-p", String(port)], appDir);
}

/**
 * `npm run dev` (scripts/dev.ts: migrate, seed, `next dev`), as a newcomer runs
 * it. Its first request compiles the route, so the wait for health is longer.
 * Env values that are `undefined` are removed from the inherited environment.
 */
export async function startDevServer(
  label: string,
  env: Record<string, string | undefined>,
): Promise<RunningServer> {
  const tsx = path.resolve("node_modules/tsx/dist/cli.mjs");
  return launch(
    label,
    env,
    (port) => [tsx, "scripts/dev.ts", "-H", "127.0.0.1", "-p", String(port)],
    undefined,
    180_000,
  );
}

async function launch(
  label: string,
  env: Record<string, string | undefined>,
  args: (port: number) => string[],
  appDir?: string,
  healthyWithinMs = 60_000,
): Promise<RunningServer> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const childEnv: Record<string, string | undefined> = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    NEXTAUTH_URL: baseUrl,
    ...env,
  };
  for (const [name, value] of Object.entries(childEnv)) if (value === undefined) delete childEnv[name];
  const child = spawn(process.execPath, args(port), {
    detached: true,
    cwd: appDir ? path.resolve(appDir) : undefined,
    stdio: ["ignore", "pipe", "pipe"],
    env: childEnv as NodeJS.ProcessEnv,
  });
  forwardOutput(child, label);
  let alive = true;
  const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
  void exited.then(() => (alive = false));
  const stop = onCleanup(`stop server ${label}`, () => stopGroup(child, exited));
  try {
    await waitForHealth(baseUrl, exited, healthyWithinMs);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, pid: child.pid!, running: () => alive, stop };
}

function forwardOutput(child: ChildProcess, label: string): void {
  for (const stream of [child.stdout, child.stderr]) {
    stream?.setEncoding("utf8");
    stream?.on("data", (chunk: string) => {
      for (const line of chunk.split("\n")) if (line.trim()) console.error(`  [${label}] ${line}`);
    });
  }
}

async function waitForHealth(
  baseUrl: string,
  exited: Promise<number | null>,
  withinMs: number,
): Promise<void> {
  let gone: number | null | undefined;
  void exited.then((code) => (gone = code));
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    if (gone !== undefined) throw new Error(`the server exited (code ${gone}) before it was healthy`);
    const ok = await fetch(`${baseUrl}/api/health`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${baseUrl}/api/health did not answer 200 within ${withinMs / 1000} s`);
}

/** SIGTERM to the whole group, SIGKILL if it is still there after 5 s. */
async function stopGroup(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  const pid = child.pid;
  if (pid === undefined) return; // it never started
  // Even when Next itself has exited, something it spawned may still be in the group.
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-pid, name);
    } catch {
      // The group is gone already.
    }
  };
  signal("SIGTERM");
  const timer = setTimeout(() => signal("SIGKILL"), 5000);
  await exited;
  clearTimeout(timer);
}
