// Runs a test command as a child process and relays the signals that would
// otherwise stop only us (a CI timeout, a kill), so the command winds down and
// we still get to clean up after it.
import { spawn } from "node:child_process";
import { constants } from "node:os";

const RELAYED = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

let interrupted: NodeJS.Signals | undefined;
let child: ReturnType<typeof spawn> | undefined;

// Installed once: from here on these signals no longer end this process by
// themselves; the caller finishes, cleans up and exits with `exitCode()`.
for (const signal of RELAYED) {
  process.on(signal, () => {
    interrupted ??= signal;
    child?.kill(signal);
  });
}

/** The signal that interrupted this process, if any: start nothing new after it. */
export function interruptedBy(): NodeJS.Signals | undefined {
  return interrupted;
}

/**
 * Runs `command` with `env` added, output shared with ours. One argument is a
 * shell command line (`"npm run a && npm run b"`); several are a program and
 * its arguments, passed on untouched. Resolves with the exit code (128 + the
 * signal number when a signal ended it).
 */
export function runCommand(command: string[], env: Record<string, string> = {}): Promise<number> {
  const [program, ...args] = command;
  if (!program) throw new Error("no command to run");
  const options = { stdio: "inherit", env: { ...process.env, ...env } } as const;
  const running =
    args.length === 0
      ? spawn(program, { ...options, shell: true })
      : spawn(program, args, { ...options, shell: process.platform === "win32" });
  child = running;
  return new Promise((resolve) => {
    running.once("error", (error) => {
      console.error(`Could not run ${program}: ${error.message}`);
      resolve(127);
    });
    running.once("exit", (code, signal) => {
      child = undefined;
      resolve(code ?? 128 + (signal ? constants.signals[signal] : 0));
    });
  });
}

/** The conventional exit code: the signal's when we were interrupted, else `code`. */
export function exitCode(code: number): number {
  return interrupted ? 128 + constants.signals[interrupted] : code;
}
