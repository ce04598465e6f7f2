// Real child processes for tests, run through tsx like the npm scripts. Every
// one is tracked, given a deadline, and killed by `killAll()` (call it in
// afterEach), so none outlives its test; a child also sees its stdin close
// when the test process dies.
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");

export type Spawned = {
  pid: number;
  child: ChildProcess;
  output(): string;
  /** Resolves with the output once it matches `pattern`; rejects if the process ends first or time runs out. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Resolves with the exit code; kills the process (and rejects) if it has not ended in time. */
  exited(timeoutMs?: number): Promise<number | null>;
};

const running = new Set<ChildProcess>();

/** `node --import tsx <script> ...args` from the project root, with `env` on top of ours (minus inherited tokens). */
export function spawnScript(script: string, args: string[], env: Record<string, string> = {}): Spawned {
  const base = { ...process.env };
  delete base.PGLITE_LOCK_TOKEN;
  delete base.DATABASE_URL;
  const child = spawn(process.execPath, ["--import", "tsx", script, ...args], {
    cwd: ROOT,
    env: { ...base, ...env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  running.add(child);
  let text = "";
  const listeners = new Set<() => void>();
  for (const stream of [child.stdout, child.stderr]) {
    stream.setEncoding("utf8");
    stream.on("data", (chunk: string) => {
      text += chunk;
      for (const listener of listeners) listener();
    });
  }
  const ended = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  void ended.then(() => running.delete(child));

  const deadline = <T>(ms: number, what: string, work: Promise<T>): Promise<T> => {
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        child.kill("SIGKILL");
        reject(new Error(`${script} ${args.join(" ")}: ${what} not within ${ms} ms. Output:\n${text}`));
      }, ms);
    });
    return Promise.race([work, expired]).finally(() => clearTimeout(timer));
  };

  return {
    pid: child.pid!,
    child,
    output: () => text,
    waitFor(pattern, timeoutMs = 45_000) {
      const seen = new Promise<string>((resolve, reject) => {
        const check = () => {
          if (pattern.test(text)) resolve(text);
        };
        listeners.add(check);
        check();
        void ended.then((code) =>
          reject(new Error(`ended (code ${code}) before ${pattern}. Output:\n${text}`)),
        );
      });
      return deadline(timeoutMs, `${pattern}`, seen);
    },
    exited(timeoutMs = 45_000) {
      return deadline(timeoutMs, "exit", ended);
    },
  };
}

/** Kills every process started here that still runs, and waits until they have gone. */
export async function killAll(): Promise<void> {
  const alive = [...running].filter((child) => child.exitCode === null && child.signalCode === null);
  await Promise.all(
    alive.map(
      (child) =>
        new Promise<void>((resolve) => {
          child.once("exit", () => resolve());
          child.kill("SIGKILL");
        }),
    ),
  );
  running.clear();
}
