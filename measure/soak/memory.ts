// Samples each server's resident memory once a second for the whole run, so
// the outage's share can be told apart from the ordinary ups and downs of a
// garbage-collected heap under load: the peak before the cut, during the
// outage, after it, and the last sample.
import { readFileSync } from "node:fs";
import type { RunningServer } from "../../scripts/support/next-server";
import type { OutageWindow } from "./checker";

export type MemorySummary = { before: number; during: number; after: number; last: number };

/** Resident set size of a process in MB, from /proc (Linux); null elsewhere. */
function rssMb(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
    return kb ? Number(kb) / 1024 : null;
  } catch {
    return null;
  }
}

const now = () => performance.timeOrigin + performance.now();

export function traceMemory(servers: readonly RunningServer[]) {
  const samples = servers.map(() => [] as { at: number; mb: number }[]);
  const sample = () =>
    servers.forEach((s, i) => {
      const mb = rssMb(s.pid);
      if (mb !== null) samples[i]!.push({ at: now(), mb });
    });
  sample();
  const timer = setInterval(sample, 1_000);
  return {
    /** Per server; null when memory cannot be read here (not Linux). */
    stop(window: OutageWindow): (MemorySummary | null)[] {
      clearInterval(timer);
      sample();
      return samples.map((list) => {
        if (list.length === 0) return null;
        const peak = (from: number, to: number) =>
          Math.max(0, ...list.filter((s) => s.at >= from && s.at < to).map((s) => s.mb));
        return {
          before: peak(0, window.cutAt),
          during: peak(window.cutAt, window.reopenedAt),
          after: peak(window.reopenedAt, Infinity),
          last: list.at(-1)!.mb,
        };
      });
    },
  };
}
