// Runs one step of the check as a child process with a deadline: its output
// goes to our stderr (stdout is for the summary), and past the deadline its
// whole process group is killed, so a hung `next build` fails the check
// instead of the CI clock.
import { spawn } from "node:child_process";
import { onCleanup } from "../support/cleanup";

export async function runStep(
  label: string,
  command: string[],
  { cwd, timeoutMs }: { cwd: string; timeoutMs: number },
): Promise<void> {
  const [program = "", ...args] = command;
  const child = spawn(program, args, {
    cwd,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", 2, 2],
    detached: true,
  });
  const exited = new Promise<number | null>((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code, signal) => resolve(signal ? null : code));
  });
  const kill = async () => {
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      // the group has ended already
    }
  };
  // Ctrl-C during the step: the cleanup stops it too.
  const stop = onCleanup(`stop ${program}`, kill);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    void kill();
  }, timeoutMs);
  const code = await exited.finally(() => clearTimeout(timer));
  await stop(); // whatever it left behind in its group
  if (timedOut) throw new Error(`${label} did not finish within ${timeoutMs / 1000} s`);
  if (code !== 0) throw new Error(`${label} failed (exit code ${code})`);
}
