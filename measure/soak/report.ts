// The soak's figures, printed as markdown (stdout) for docs/SCALING.md.
import { summarize } from "../bench/latency";
import type { Observation, Verdict } from "./checker";
import type { MemorySummary } from "./memory";
import type { OutageReport } from "./outage";

export function passes(v: Verdict): boolean {
  return v.allowedAfterRevocation === 0 && v.serverErrors === 0 && v.otherStatuses === 0;
}

export function printVerdict(v: Verdict, seconds: number): void {
  const perSecond = (v.requests / seconds).toFixed(0);
  console.log(`- Date: ${new Date().toISOString()}`);
  console.log(
    `- Requests: ${v.requests.toLocaleString("en-US")} (${perSecond}/s); role changes: ${v.changes}`,
  );
  console.log(`- Allowed after their revocation had propagated: **${v.allowedAfterRevocation}** (must be 0)`);
  console.log(
    `- 5xx answers${v.refusedDuringOutage > 0 ? " outside the outage" : ""}: **${v.serverErrors}** (must be 0); ` +
      `other unexpected statuses: ${v.otherStatuses}`,
  );
  console.log(`- Denied after a grant had propagated: ${v.deniedAfterGrant}`);
  console.log(
    `- Allowed between a revocation's commit and its propagation to that instance: ${v.allowedInWindow} ` +
      `(longest: ${v.longestWindowMs.toFixed(1)} ms after the commit)`,
  );
}

const mb = (value: number) => `${value.toFixed(0)} MB`;
const seconds = (ms: number | null) => (ms === null ? "never" : `${(ms / 1000).toFixed(2)} s`);

export function printOutage(
  report: OutageReport,
  v: Verdict,
  observations: readonly Observation[],
  instances: readonly string[],
  memory: readonly (MemorySummary | null)[],
): void {
  const { cutAt, reopenedAt } = report.window;
  const refused = observations.filter(
    (o) => o.status === 503 && o.startedAt >= cutAt && o.endedAt <= reopenedAt,
  );
  const time = summarize(refused.map((o) => o.endedAt - o.startedAt));
  const served = observations.filter((o) => o.status === 200 || o.status === 403);
  const normal = summarize(served.map((o) => o.endedAt - o.startedAt));
  const label = (i: number) => `instance ${"AB"[i] ?? i}`;
  console.log(
    `- Outage: ${((reopenedAt - cutAt) / 1000).toFixed(1)} s; answered 503 while cut off or reconnecting: ` +
      `${v.refusedDuringOutage.toLocaleString("en-US")} (while cut off: p50 ${time.p50.toFixed(1)} ms, ` +
      `p99 ${time.p99.toFixed(1)} ms, max ${time.max.toFixed(1)} ms; answers with 200 or 403 over the ` +
      `whole run: p50 ${normal.p50.toFixed(1)} ms, p99 ${normal.p99.toFixed(1)} ms)`,
  );
  console.log(
    `- LISTEN attempts refused during the outage, both instances together: ${report.listenAttempts}`,
  );
  console.log(
    `- Memory (RSS), peak before the cut / during the outage / after it, and at the end: ` +
      memory
        .map((m, i) =>
          m
            ? `${label(i)}: ${mb(m.before)} / ${mb(m.during)} / ${mb(m.after)}, ${mb(m.last)}`
            : `${label(i)}: n/a`,
        )
        .join("; "),
  );
  console.log(
    `- From the reopening to normal service: ` +
      instances
        .map(
          (url, i) =>
            `${label(i)}: first answer ${seconds(v.recoveryMs[url] ?? null)}, ` +
            `/api/health ok (listener live) ${seconds(report.healthyMs[i] ?? null)}`,
        )
        .join("; "),
  );
}
