// `npm run bench:strategies`: every AUTH_FRESHNESS mode on the same work, in
// one run and one table (docs/STRATEGIES.md): how long a change made in SQL
// takes to reach a second instance and how many old answers it serves
// meanwhile (bench:propagation --mode), and what a request costs while
// nothing changes (npm run bench). One build; each measurement runs in its own
// process, as those commands do, and hands its figures back as JSON.
// Progress goes to stderr, the table alone to stdout.
import { spawn } from "node:child_process";
import os from "node:os";
import { FRESHNESS_MODES } from "@/lib/env";
import { readCommandLine, usageError } from "../../scripts/support/command-line";
import { buildApp } from "../../scripts/support/next-server";
import { formatMicros, markdownTable } from "./report";

const USAGE = `Usage: npm run bench:strategies -- [options]
  --no-build          reuse the existing .next build instead of running \`next build\`
  --changes <n>       grants and revocations timed per mode (default 100)
  --seconds <n>       AUTH_FRESHNESS_SECONDS of lazy and short (default 2)
  --duration <s>      measured seconds of load per mode (default 10)
Environment: TEST_POSTGRES_URL, the PostgreSQL admin URL (default postgresql://postgres@127.0.0.1:5432/postgres)`;

const { values: flags } = readCommandLine(USAGE, {
  options: {
    "no-build": { type: "boolean" },
    changes: { type: "string", default: "100" },
    seconds: { type: "string", default: "2" },
    duration: { type: "string", default: "10" },
  },
});
for (const flag of ["changes", "seconds", "duration"] as const)
  if (!/^[1-9]\d*$/.test(flags[flag])) usageError(`--${flag} must be a whole number, at least 1`);

type Summary = { count: number; p50: number; p90: number; p99: number; max: number };
type Propagation = {
  mode: string;
  enforcement: Summary;
  push: Summary | null;
  staleAnswers: number;
  worstStale: number;
};
type PerRequest = {
  date: string;
  machine: string;
  startLoad: string;
  rows: { name: string; requestsPerSecond: number; p50: number; checkMicros: number | null }[];
};

/** Runs a measurement script; its stderr passes through, its stdout is its JSON. */
function measure<T>(script: string, args: string[]): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", script, "--no-build", "--json", ...args], {
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
    const args = ["--mode", mode, "--seconds", seconds, "--changes", flags.changes, "--members", "0"];
    propagation.set(mode, await measure<Propagation>("measure/bench/propagation.ts", args));
  }
  console.error(`\n==== per request, every mode`);
  const perRequest = await measure<PerRequest>("measure/bench/index.ts", [
    "--only",
    FRESHNESS_MODES.join(","),
    "--duration",
    flags.duration,
  ]);
  const off = perRequest.rows.find((row) => row.name === "off");

  const ms = (value: number | undefined) => (value === undefined ? "—" : formatMicros(value));
  const rows = FRESHNESS_MODES.map((mode) => {
    const moved = propagation.get(mode);
    const row = perRequest.rows.find((r) => r.name === mode);
    const interval = mode === "lazy" || mode === "short" ? ` (${seconds} s)` : "";
    return [
      `\`${mode}\`${interval}`,
      moved
        ? `${ms(moved.enforcement.p50)} / ${ms(moved.enforcement.p99)} / ${ms(moved.enforcement.max)}`
        : "never",
      moved ? `${moved.staleAnswers}; ${moved.worstStale}` : "all",
      moved?.push ? ms(moved.push.p50) : "—",
      row ? row.requestsPerSecond.toFixed(1) : "—",
      row && off ? `${(row.requestsPerSecond / off.requestsPerSecond).toFixed(2)}×` : "—",
      row?.checkMicros == null ? "—" : formatMicros(row.checkMicros),
      EXPERIENCE[mode] ?? "",
    ];
  });
  console.log(`\n### Every freshness mode on the same work (npm run bench:strategies)\n`);
  console.log(
    `- Date: ${perRequest.date}; ${perRequest.machine}; load average ${perRequest.startLoad} at start`,
  );
  console.log(
    `- Propagation: two next start instances on one PostgreSQL, ${flags.changes} grants and revocations in SQL per mode; from the commit returning until instance B answers the next request (sent back to back, the cookie B re-issues kept) with the new decision; old answers are the requests answered with the old decision meanwhile (all; the most for one change). Push: until B's event stream delivers the change (only strict and cached announce it at once).`,
  );
  console.log(
    `- Per request: GET /api/reports under load for ${flags.duration} s per mode, nothing changing; check µs is one freshness check in process.`,
  );
  console.log(
    `- ${os.cpus().length} cores; peers (next-auth database sessions, Better Auth) are not in this run yet.\n`,
  );
  console.log(
    markdownTable(
      [
        { header: "Mode", right: false },
        { header: "Commit → enforced p50 / p99 / max ms", right: true },
        { header: "Old answers (all; worst)", right: true },
        { header: "Push p50 ms", right: true },
        { header: "Requests/s", right: true },
        { header: "vs off", right: true },
        { header: "Check µs", right: true },
        { header: "What the user sees", right: false },
      ],
      rows,
    ),
  );
}

main().catch((error: unknown) => {
  console.error(`\nBenchmark failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
