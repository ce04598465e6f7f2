// Runs a test command as a child process and relays the signals that would
// otherwise stop only us (a CI timeout, a kill), so the command winds down and
// we still get to clean up after it.
import { type ChildProcess, spawn, type StdioOptions } from "node:child_process";
import { constants } from "node:os";

const RELAYED = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

let interrupted: NodeJS.Signals | undefined;
const children = new Set<ChildProcess>();

// Installed once: from here on these signals no longer end this process by
// themselves; the caller finishes, cleans up and exits with `exitCode()`.
for (const signal of RELAYED) {
  process.on(signal, () => {
    interrupted ??= signal;
    for (const child of children) signalGroup(child, signal);
  });
}

/**
 * Each command runs in a process group of its own, and a signal goes to the
 * whole group: a wrapper (npm, npx, tsx, a shell) may exit on it and leave its
 * own child running, still holding our output pipe open.
 */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (child.pid && process.platform !== "win32") process.kill(-child.pid, signal);
    else child.kill(signal);
  } catch {
    // the group has ended already
  }
}

/**
 * Ends every command still running (a part of the run failed: the rest is not
 * worth waiting for), as Ctrl-C (SIGINT), which every runner here answers by
 * cleaning up; on SIGTERM Playwright exits and leaves its web server holding
 * the port.
 */
export function stopRunning(): void {
  for (const child of children) signalGroup(child, "SIGINT");
}

/** The signal that interrupted this process, if any: start nothing new after it. */
export function interruptedBy(): NodeJS.Signals | undefined {
  return interrupted;
}

/**
 * Runs `command` with `env` added, output shared with ours. One argument is a
 * shell command line (`"npm run a && npm run b"`); several are a program and
 * its arguments, passed on untouched. Resolves with the exit code (128 + the
 * signal number when a signal ended it). Commands run side by side keep their
 * output apart: `buffered` holds it back and prints it in one piece when the
 * command ends; `label` prints each line as it comes, after the label.
 */
export function runCommand(
  command: string[],
  env: Record<string, string> = {},
  { buffered = false, label }: { buffered?: boolean; label?: string } = {},
): Promise<number> {
  const [program, ...args] = command;
  if (!program) throw new Error("no command to run");
  const stdio: StdioOptions = buffered || label ? ["ignore", "pipe", "pipe"] : "inherit";
  const options = { stdio, env: { ...process.env, ...env }, detached: process.platform !== "win32" };
  const running =
    args.length === 0
      ? spawn(program, { ...options, shell: true })
      : spawn(program, args, { ...options, shell: process.platform === "win32" });
  children.add(running);
  const output: Buffer[] = [];
  if (label) {
    for (const stream of [running.stdout, running.stderr]) {
      let partial = "";
      stream?.setEncoding("utf8");
      stream?.on("data", (chunk: string) => {
        const lines = (partial + chunk).split("\n");
        partial = lines.pop() ?? "";
        for (const line of lines) process.stdout.write(`${label} │ ${line}\n`);
      });
      stream?.on("end", () => partial && process.stdout.write(`${label} │ ${partial}\n`));
    }
  } else {
    running.stdout?.on("data", (chunk: Buffer) => output.push(chunk));
    running.stderr?.on("data", (chunk: Buffer) => output.push(chunk));
  }
  return new Promise((resolve) => {
    running.once("error", (error) => {
      children.delete(running);
      console.error(`Could not run ${program}: ${error.message}`);
      resolve(127);
    });
    // "close", not "exit": the output streams are read to their end first.
    running.once("close", (code, signal) => {
      children.delete(running);
      if (output.length > 0) process.stdout.write(Buffer.concat(output));
      resolve(code ?? 128 + (signal ? constants.signals[signal] : 0));
    });
  });
}

/** The conventional exit code: the signal's when we were interrupted, else `code`. */
export function exitCode(code: number): number {
  return interrupted ? 128 + constants.signals[interrupted] : code;
}
