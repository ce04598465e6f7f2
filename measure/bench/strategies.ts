// `npm run bench:strategies`: every AUTH_FRESHNESS mode and every peer library
// (npm run bench:peers: next-auth, Better Auth, a hand-written database
// session) on the same work, in one run and one table (docs/STRATEGIES.md):
// how long a grant and a revoke made in SQL take to reach a second instance
// and how many requests a revoked user still gets in meanwhile
// (bench:propagation --mode), and what a request costs while nothing changes
// (npm run bench --costs: requests/s, CPU and database transactions per
// request); then the chart, docs/strategies-chart.svg. Each measurement runs
// in its own process, as those commands do, and hands its figures back as
// JSON. Progress goes to stderr, the table alone to stdout.
import { spawn } from "node:child_process";
import os from "node:os";
import { FRESHNESS_MODES } from "@/lib/env";
import { readCommandLine, usageError } from "../../scripts/support/command-line";
import { buildApp } from "../../scripts/support/next-server";
import { type ChartRow, writeChart } from "./chart";
import type { LatencySummary } from "./latency";
import { latencyCell, type PeerRow, peerChartRows, type PeersResult, untimed } from "./peers-report";
import { formatMicros, markdownTable, type RequestCosts } from "./report";

const USAGE = `Usage: npm run bench:strategies -- [options]
  --no-build          reuse the existing .next build instead of running \`next build\`
  --changes <n>       grants and revocations timed per mode (default 100)
  --seconds <n>       AUTH_FRESHNESS_SECONDS of lazy and short (default 2)
  --duration <s>      measured seconds of load per mode and per peer (default 10)
  --no-peers          leave the peer libraries out (they install and build their own app on first use)
  --chart <path>      where to write the chart (default docs/strategies-chart.svg)
Environment: TEST_POSTGRES_URL, the PostgreSQL admin URL (default postgresql://postgres@127.0.0.1:5432/postgres)`;

const { values: flags } = readCommandLine(USAGE, {
  options: {
    "no-build": { type: "boolean" },
    changes: { type: "string", default: "100" },
    seconds: { type: "string", default: "2" },
    duration: { type: "string", default: "10" },
    "no-peers": { type: "boolean" },
    chart: { type: "string", default: "docs/strategies-chart.svg" },
  },
});
for (const flag of ["changes", "seconds", "duration"] as const)
  if (!/^[1-9]\d*$/.test(flags[flag])) usageError(`--${flag} must be a whole number, at least 1`);

type Propagation = {
  mode: string;
  grant: LatencySummary;
  revoke: LatencySummary;
  push: LatencySummary | null;
  allowedAfterRevoke: number;
  worstAllowed: number;
};
type PerRequest = {
  date: string;
  machine: string;
  startLoad: string;
  rows: {
    name: string;
    requestsPerSecond: number;
    p50: number;
    checkMicros: number | null;
    costs?: RequestCosts;
  }[];
};

/** Runs a measurement script; its stderr passes through, its stdout is its JSON. */
function measure<T>(script: string, args: string[]): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", script, "--json", ...args], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) return reject(new Error(`${script} ${args.join(" ")} exited with ${code}`));
      const line = out.trim().split("\n").at(-1) ?? "";
      try {
        resolve(JSON.parse(line) as T);
      } catch {
        reject(new Error(`${script} printed no JSON: ${line.slice(0, 200)}`));
      }
    });
  });
}

/** Whether the user signs in again to see a change, per mode. */
const SIGNS_IN_AGAIN: Record<string, string> = {
  off: "yes, to see any change",
  reauth: "yes, after every change",
};

/** What the user sees when a change reaches them, per mode. */
const EXPERIENCE: Record<string, string> = {
  off: "nothing until the session ends",
  reauth: "signed out; signs in again",
  lazy: "the page changes, late",
  short: "the page changes, late",
  strict: "the page changes",
  cached: "the page changes",
};

async function main(): Promise<void> {
  if (!flags["no-build"]) await buildApp();
  const seconds = flags.seconds;
  const modes = FRESHNESS_MODES.filter((m) => m !== "off");
  const propagation = new Map<string, Propagation>();
  for (const mode of modes) {
    console.error(`\n==== propagation, ${mode}`);
    const args = [
      "--no-build",
      "--mode",
      mode,
      "--seconds",
      seconds,
      "--changes",
      flags.changes,
      "--members",
      "0",
    ];
    propagation.set(mode, await measure<Propagation>("measure/bench/propagation.ts", args));
  }
  console.error(`\n==== per request, every mode`);
  const perRequest = await measure<PerRequest>("measure/bench/index.ts", [
    "--no-build",
    "--costs",
    "--only",
    FRESHNESS_MODES.join(","),
    "--duration",
    flags.duration,
  ]);
  let peers: PeersResult | null = null;
  if (!flags["no-peers"]) {
    console.error(`\n==== the peers (npm run bench:peers)`);
    const args = ["--changes", flags.changes, "--seconds", seconds, "--duration", flags.duration];
    peers = await measure<PeersResult>("measure/bench/peers.ts", args);
  }
  const off = perRequest.rows.find((row) => row.name === "off");

  const ms = (s: LatencySummary | null | undefined) => (s ? latencyCell(s) : "never");
  const ours = FRESHNESS_MODES.map((mode) => {
    const moved = propagation.get(mode);
    const row = perRequest.rows.find((r) => r.name === mode);
    const interval = mode === "lazy" || mode === "short" ? ` (${seconds} s)` : "";
    return [
      `ours: \`${mode}\`${interval}`,
      ms(moved?.revoke),
      ms(moved?.grant),
      moved ? `${moved.allowedAfterRevoke}; ${moved.worstAllowed}` : "all",
      moved?.push ? formatMicros(moved.push.p50) : "—",
      row ? row.requestsPerSecond.toFixed(1) : "—",
      row && off ? `${(row.requestsPerSecond / off.requestsPerSecond).toFixed(2)}×` : "—",
      row ? formatMicros(row.p50) : "—",
      row?.costs ? row.costs.cpuMicros.toFixed(0) : "—",
      row?.costs ? row.costs.transactions.toFixed(2) : "—",
      SIGNS_IN_AGAIN[mode] ?? "no",
      EXPERIENCE[mode] ?? "",
    ];
  });
  const theirs = (peers?.rows ?? []).map((row: PeerRow) => [
    row.label,
    row.revoke ? ms(row.revoke) : untimed(row),
    row.grant ? ms(row.grant) : untimed(row),
    row.staleAnswers === null ? "all" : `${row.staleAnswers}; ${row.worstStale}`,
    "—",
    row.requestsPerSecond.toFixed(1),
    "—",
    formatMicros(row.p50),
    row.cpuMicrosPerRequest.toFixed(0),
    row.statementsPerRequest.toFixed(2),
    row.signsInAgain,
    row.userSees,
  ]);

  const chart: ChartRow[] = [
    ...FRESHNESS_MODES.map((mode): ChartRow => {
      const row = perRequest.rows.find((r) => r.name === mode);
      return {
        name: `ours: ${mode}`,
        kind: "ours",
        stalenessMs: propagation.get(mode)?.revoke.p50 ?? null,
        cpuMicrosPerRequest: row?.costs?.cpuMicros ?? null,
        requestsPerSecond: row?.requestsPerSecond ?? null,
      };
    }),
    ...peerChartRows(peers?.rows ?? []),
  ];
  writeChart(chart, flags.chart);
  console.error(`\n==== chart written to ${flags.chart}`);

  console.log(`\n### Every strategy and peer on the same work (npm run bench:strategies)\n`);
  console.log(
    `- Date: ${perRequest.date}; ${perRequest.machine}; load average ${perRequest.startLoad} at start`,
  );
  console.log(
    `- Propagation: two next start instances on one PostgreSQL per app, ${flags.changes} changes in SQL per row (grants and revokes alternate); from the commit returning until instance B answers the next request (sent back to back, re-issued cookies kept) with the new decision. "Allowed after revoke": requests that still got in after a revoke committed (all; the most for one revoke). Push: until B's event stream delivers the change (ours only).`,
  );
  console.log(
    `- Per request: GET of the reports route under load (10 connections) for ${flags.duration} s, nothing changing; p50 latency. CPU µs: the server's process group, per request; transactions: PostgreSQL's xact_commit + xact_rollback of that app's database per request (pg_stat_database; a statement outside a transaction is one). Requests/s compare within one app only: ours against \`off\`; the peers are another, smaller app.`,
  );
  console.log(`- ${os.cpus().length} cores.${peers ? "" : " Peers left out (--no-peers)."}\n`);
  console.log(
    markdownTable(
      [
        { header: "Strategy", right: false },
        { header: "Revoke → refused p50 / p99 / max ms", right: true },
        { header: "Grant → allowed p50 / p99 / max ms", right: true },
        { header: "Allowed after revoke (all; worst)", right: true },
        { header: "Push p50 ms", right: true },
        { header: "Requests/s", right: true },
        { header: "vs off", right: true },
        { header: "p50 ms", right: true },
        { header: "CPU µs/request", right: true },
        { header: "Transactions/request", right: true },
        { header: "Signs in again?", right: false },
        { header: "What the user sees", right: false },
      ],
      [...ours, ...theirs],
    ),
  );
}

main().catch((error: unknown) => {
  console.error(`\nBenchmark failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
