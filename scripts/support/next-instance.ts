// Starts one more `next start` instance of the built app, for tests and
// benchmarks that need several instances on one database. The caller must
// stop it; it is also killed when this process exits.
import { type ChildProcess, spawn } from "node:child_process";

export type NextInstance = { url: string; port: number; stop(): Promise<void> };

export type InstanceOptions = {
  port: number;
  env: Record<string, string>;
  /** Prints the instance's output, prefixed, when set. */
  label?: string;
};

const running = new Set<ChildProcess>();
process.once("exit", () => running.forEach((child) => child.kill("SIGKILL")));

export async function startNextInstance({ port, env, label }: InstanceOptions): Promise<NextInstance> {
  const url = `http://127.0.0.1:${port}`;
  const child = spawn("npx", ["--no-install", "next", "start", "-H", "127.0.0.1", "-p", String(port)], {
    env: { ...process.env, NODE_ENV: "production", NEXTAUTH_URL: url, ...env },
    stdio: label ? ["ignore", "pipe", "pipe"] : "ignore",
    detached: true, // its own process group: stop() ends npx and next together
  });
  running.add(child);
  if (label) {
    const prefix = (chunk: Buffer) => chunk.toString().replace(/^(?=.)/gm, `[${label}] `);
    child.stdout?.on("data", (c: Buffer) => process.stdout.write(prefix(c)));
    child.stderr?.on("data", (c: Buffer) => process.stderr.write(prefix(c)));
  }
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    process.kill(-child.pid!, "SIGTERM");
    await exited;
    running.delete(child);
  };
  try {
    await waitForHealth(url, child);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, port, stop };
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`next start on ${url} exited with ${child.exitCode}`);
    const ok = await fetch(`${url}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`next start on ${url} did not become healthy in ${timeoutMs} ms`);
}
