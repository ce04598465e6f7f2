// What npm run bench:peers knows about each peer, and how its figures read:
// the markdown table, and the points of the chart (chart.ts).
import type { ChartRow } from "./chart";
import type { LatencySummary } from "./latency";
import { formatMicros, markdownTable } from "./report";

export type Staleness =
  | { kind: "exact" } // reads what it needs on every request: timed
  | { kind: "window"; seconds: number } // trusts a cookie for a window: timed if the window is short
  | { kind: "never" }; // trusts the token until the session ends: not timed

export type PeerSpec = {
  name: string;
  label: string;
  staleness: Staleness;
  signsInAgain: string;
  userSees: string;
};

export function peerSpecs(shortSeconds: number): PeerSpec[] {
  const changes = { signsInAgain: "no", userSees: "the page changes" };
  const late = { signsInAgain: "no", userSees: "the page changes, late" };
  return [
    {
      name: "next-auth-database",
      label: "next-auth 4, database sessions",
      staleness: { kind: "exact" },
      ...changes,
    },
    {
      name: "next-auth-jwt",
      label: "next-auth 4, JWT sessions",
      staleness: { kind: "never" },
      signsInAgain: "yes, to see any change",
      userSees: "nothing until the session ends",
    },
    { name: "better-auth", label: "Better Auth, no cookie cache", staleness: { kind: "exact" }, ...changes },
    {
      name: "better-auth-cache",
      label: "Better Auth, cookie cache (5 min)",
      staleness: { kind: "window", seconds: 300 },
      ...late,
    },
    {
      name: "better-auth-cache-short",
      label: `Better Auth, cookie cache (${shortSeconds} s)`,
      staleness: { kind: "window", seconds: shortSeconds },
      ...late,
    },
    {
      name: "better-auth-cache-version",
      label: "Better Auth, cookie cache + version",
      staleness: { kind: "exact" },
      ...changes,
    },
    {
      name: "hand-written",
      label: "hand-written database session",
      staleness: { kind: "exact" },
      ...changes,
    },
  ];
}

export type PeerRow = {
  name: string;
  label: string;
  /** Commit → refused (403), and commit → allowed (200); null when not timed (see `staleness`). */
  revoke: LatencySummary | null;
  grant: LatencySummary | null;
  staleness: Staleness;
  /** Requests still allowed after a revoke committed: in all, and the most for one revoke. */
  staleAnswers: number | null;
  worstStale: number | null;
  requestsPerSecond: number;
  p50: number;
  cpuMicrosPerRequest: number;
  /** Transactions committed or rolled back in the peers' database per request (pg_stat_database). */
  statementsPerRequest: number;
  /** Rows fetched per request (pg_stat_database.tup_fetched). */
  rowsPerRequest: number;
  signsInAgain: string;
  userSees: string;
};

/** What `npm run bench:peers -- --json` prints, one line: bench:strategies reads it. */
export type PeersResult = {
  date: string;
  machine: string;
  /** Changes timed per peer (revokes and grants), --seconds, and the load's measured seconds. */
  changes: number;
  seconds: number;
  duration: number;
  rows: PeerRow[];
};

/** "p50 / p99 / max", as every latency cell of these tables reads. */
export const latencyCell = (s: LatencySummary) =>
  `${formatMicros(s.p50)} / ${formatMicros(s.p99)} / ${formatMicros(s.max)}`;

/** A peer's change that was not timed: never enforced, or a documented window. */
export function untimed(row: PeerRow): string {
  if (row.staleness.kind === "never") return "never";
  if (row.staleness.kind === "window") return `≤ ${row.staleness.seconds * 1000} (window; not timed)`;
  return "—";
}

export function peersTable(rows: readonly PeerRow[]): string {
  return markdownTable(
    [
      { header: "Peer", right: false },
      { header: "Revoke → refused p50 / p99 / max ms", right: true },
      { header: "Grant → allowed p50 / p99 / max ms", right: true },
      { header: "Old answers (all; worst)", right: true },
      { header: "Requests/s", right: true },
      { header: "p50 ms", right: true },
      { header: "CPU µs/request", right: true },
      { header: "Statements/request", right: true },
      { header: "Signs in again?", right: false },
      { header: "What the user sees", right: false },
    ],
    rows.map((row) => [
      row.label,
      row.revoke ? latencyCell(row.revoke) : untimed(row),
      row.grant ? latencyCell(row.grant) : untimed(row),
      row.staleAnswers === null
        ? row.staleness.kind === "never"
          ? "all"
          : "all, for the window"
        : `${row.staleAnswers}; ${row.worstStale}`,
      row.requestsPerSecond.toFixed(1),
      String(row.p50),
      formatMicros(row.cpuMicrosPerRequest),
      row.statementsPerRequest.toFixed(2),
      row.signsInAgain,
      row.userSees,
    ]),
  );
}

/** The chart's points for the peers: p50 revoke → refused, or the window as a bound when not timed. */
export function peerChartRows(rows: readonly PeerRow[]): ChartRow[] {
  return rows.map((row) => ({
    name: row.label,
    kind: "peer",
    stalenessMs: row.revoke?.p50 ?? (row.staleness.kind === "window" ? row.staleness.seconds * 1000 : null),
    bound: !row.revoke && row.staleness.kind === "window",
    cpuMicrosPerRequest: row.cpuMicrosPerRequest,
    requestsPerSecond: row.requestsPerSecond,
  }));
}
