// The soak's database outage: at `startAt` both gates are cut, so neither
// instance reaches PostgreSQL, for queries or for LISTEN, while the soak's
// writer still commits role changes directly (the database is up, the
// instances are cut off: the case where a stale grant could slip through).
// `lengthMs` later the gates open again. Meanwhile it samples each instance's
// memory and, after reopening, times how long until /api/health says "ok"
// (database up and listener live) on each instance.
import { readFileSync } from "node:fs";
import type { Gates } from "../bench/two-instances";
import type { RunningServer } from "../support/next-server";
import type { OutageWindow } from "./checker";

export type OutageReport = {
  window: OutageWindow;
  /** LISTEN connections refused by the gate while cut: the instances' reconnection attempts. */
  listenAttempts: number;
  /** Per instance: resident memory in MB at the cut, its peak during the outage, and at the reopening. */
  rssMb: { atCut: number | null; peak: number | null; atReopen: number | null }[];
  /** Per instance: ms from the reopening until /api/health answered 200; null if it never did. */
  healthyMs: (number | null)[];
};

const now = () => performance.timeOrigin + performance.now();
const sleepUntil = (at: number) => new Promise((r) => setTimeout(r, Math.max(0, at - now())));

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

export async function playOutage(
  gates: Gates,
  servers: readonly RunningServer[],
  { startAt, lengthMs }: { startAt: number; lengthMs: number },
): Promise<OutageReport> {
  await sleepUntil(startAt);
  const cutAt = now();
  await Promise.all([gates.queries.cut(), gates.listens.cut()]);
  console.error(`\n== database outage: both instances cut off for ${lengthMs / 1000} s`);
  const rss = servers.map((s) => {
    const atCut = rssMb(s.pid);
    return { atCut, peak: atCut, atReopen: null as number | null };
  });
  while (now() < cutAt + lengthMs) {
    await sleepUntil(Math.min(now() + 1_000, cutAt + lengthMs));
    for (const [i, s] of servers.entries()) {
      const sample = rssMb(s.pid);
      if (sample !== null) rss[i]!.peak = Math.max(rss[i]!.peak ?? 0, sample);
    }
  }
  for (const [i, s] of servers.entries()) rss[i]!.atReopen = rssMb(s.pid);
  const listenAttempts = gates.listens.counts().refused;
  const reopenedAt = now();
  await Promise.all([gates.queries.open(), gates.listens.open()]);
  console.error("== database reachable again");
  const healthyMs = await Promise.all(servers.map((s) => untilHealthy(s.baseUrl, reopenedAt)));
  return { window: { cutAt, reopenedAt }, listenAttempts, rssMb: rss, healthyMs };
}

async function untilHealthy(baseUrl: string, since: number, timeoutMs = 30_000): Promise<number | null> {
  while (now() < since + timeoutMs) {
    const ok = await fetch(`${baseUrl}/api/health`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return now() - since;
    await new Promise((r) => setTimeout(r, 50));
  }
  return null;
}
