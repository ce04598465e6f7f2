// Who a process is, precisely enough to tell a lock holder that still runs
// from one that died and whose pid the system has since handed to another
// process: the pid alone is not enough after a crash, a reboot or a container
// restart, so we also keep the start time from /proc, the boot id and the host.
import { readFileSync } from "node:fs";
import { hostname } from "node:os";
import path from "node:path";

export type ProcessIdentity = {
  pid: number;
  /** Start time in clock ticks since boot (field 22 of /proc/<pid>/stat); null without /proc. */
  startTicks: number | null;
  /** Changes on every boot; null without /proc. */
  bootId: string | null;
  host: string;
  /** What was run, for the message another process prints ("node scripts/dev.ts -p 3244"). */
  command: string;
};

export type Liveness = "alive" | "gone" | "other-host";

/** Fields 3 (state) and 22 (start time, clock ticks since boot) of /proc/<pid>/stat; null without /proc. */
function readStat(pid: number): { state: string; startTicks: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Field 2 (the name) may hold spaces and parentheses: count from the last ")".
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const startTicks = Number(fields[19]); // fields[0] is field 3, so field 22 is fields[19]
    return Number.isInteger(startTicks) ? { state: fields[0] ?? "", startTicks } : null;
  } catch {
    return null;
  }
}

export function processStartTicks(pid: number): number | null {
  return readStat(pid)?.startTicks ?? null;
}

function bootId(): string | null {
  try {
    return readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim() || null;
  } catch {
    return null;
  }
}

function commandLine(): string {
  const cwd = process.cwd();
  const args = process.argv.slice(1).map((arg) => {
    const relative = path.isAbsolute(arg) ? path.relative(cwd, arg) : arg;
    return relative.startsWith("..") ? arg : relative;
  });
  return ["node", ...args].join(" ").slice(0, 300);
}

export function currentProcess(): ProcessIdentity {
  return {
    pid: process.pid,
    startTicks: processStartTicks(process.pid),
    bootId: bootId(),
    host: hostname(),
    command: commandLine(),
  };
}

/** Whether the process `owner` describes still runs; "other-host" when this machine cannot tell. */
export function livenessOf(owner: ProcessIdentity): Liveness {
  if (owner.host !== hostname()) return "other-host";
  const boot = bootId();
  if (owner.bootId && boot && owner.bootId !== boot) return "gone"; // the machine restarted since
  try {
    process.kill(owner.pid, 0);
  } catch (error) {
    // EPERM: it exists but belongs to another user, so it is alive.
    if ((error as NodeJS.ErrnoException).code === "ESRCH") return "gone";
  }
  const stat = readStat(owner.pid);
  if (stat?.state === "Z" || stat?.state === "X") return "gone"; // dead, not yet reaped by its parent
  if (owner.startTicks !== null && stat && stat.startTicks !== owner.startTicks) return "gone"; // pid reused
  return "alive";
}
