// The soak's database outage: at `startAt` both gates are cut, so neither
// instance reaches PostgreSQL, for queries or for LISTEN, while the soak's
// writer still commits role changes directly (the database is up, the
// instances are cut off: the case where a stale grant could slip through).
// `lengthMs` later the gates open again, and it times how long until
// /api/health says "ok" (database up and listener live) on each instance.
import type { Gates } from "../bench/two-instances";
import type { RunningServer } from "../../scripts/support/next-server";
import type { OutageWindow } from "./checker";

export type OutageReport = {
  window: OutageWindow;
  /** LISTEN connections refused by the gate while cut: the instances' reconnection attempts. */
  listenAttempts: number;
  /** Per instance: ms from the reopening until /api/health answered 200; null if it never did. */
  healthyMs: (number | null)[];
};

const now = () => performance.timeOrigin + performance.now();
const sleepUntil = (at: number) => new Promise((r) => setTimeout(r, Math.max(0, at - now())));

export async function playOutage(
  gates: Gates,
  servers: readonly RunningServer[],
  { startAt, lengthMs }: { startAt: number; lengthMs: number },
): Promise<OutageReport> {
  await sleepUntil(startAt);
  const cutAt = now();
  await Promise.all([gates.queries.cut(), gates.listens.cut()]);
  console.error(`\n== database outage: both instances cut off for ${lengthMs / 1000} s`);
  await sleepUntil(cutAt + lengthMs);
  const listenAttempts = gates.listens.counts().refused;
  const reopenedAt = now();
  await Promise.all([gates.queries.open(), gates.listens.open()]);
  console.error("== database reachable again");
  const healthyMs = await Promise.all(servers.map((s) => untilHealthy(s.baseUrl, reopenedAt)));
  return { window: { cutAt, reopenedAt }, listenAttempts, healthyMs };
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
