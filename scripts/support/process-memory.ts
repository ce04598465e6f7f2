// Resident memory of a process group, read from /proc (Linux): `next start`
// may spawn helpers, and whatever it spawned is in its group, so it counts.
import { readdirSync, readFileSync } from "node:fs";

function readOrNull(path: string): string | null {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return null; // the process ended between listing and reading
  }
}

/** Sum of VmRSS (bytes) of every process whose process group is `pgid`. */
export function groupRssBytes(pgid: number): number {
  let total = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readOrNull(`/proc/${entry}/stat`);
    // The command name may hold spaces and parentheses: the fields after it start after the last ")".
    const fields = stat?.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (!fields || Number(fields[2]) !== pgid) continue; // fields: state, ppid, pgrp, …
    const rss = readOrNull(`/proc/${entry}/status`)?.match(/^VmRSS:\s+(\d+) kB/m);
    if (rss) total += Number(rss[1]) * 1024;
  }
  return total;
}
