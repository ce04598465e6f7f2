// Pure formatting for `npm run bench`: statistics and the one markdown table
// it prints. Kept free of I/O so that test/unit/bench-report.test.ts covers it.
import type { LoadResult } from "./load";

export type HttpRow = LoadResult & {
  name: string;
  /** Median µs per call of the check alone in this configuration's mode, when measured. */
  checkMicros: number | null;
  /** Median µs of a request's whole auth work in this configuration, when measured. */
  authMicros: number | null;
  /** With --costs: the server's CPU µs and PostgreSQL's transactions per request. */
  costs?: RequestCosts;
};

export type RequestCosts = { cpuMicros: number; transactions: number };

export type ReportInput = {
  title: string;
  /** Lines printed above the table: machine, date, load settings. */
  preamble: string[];
  rows: HttpRow[];
  /** Name of the row the ratios are relative to. */
  baseline: string;
  /** Lines printed below the table. */
  notes: string[];
};

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error("median of no values");
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? 0;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] ?? 0) + upper) / 2;
}

/** The element with the median score (the lower middle one for an even count), as one coherent run. */
export function medianBy<T>(items: readonly T[], score: (item: T) => number): T {
  const sorted = [...items].sort((a, b) => score(a) - score(b));
  const item = sorted[Math.floor((sorted.length - 1) / 2)];
  if (item === undefined) throw new Error("medianBy of no items");
  return item;
}

/** "0.93×"; "–" when there is nothing to compare with. */
export function formatRatio(value: number, base: number | undefined): string {
  if (base === undefined || base === 0 || !Number.isFinite(value / base)) return "–";
  const ratio = value / base;
  return `${ratio >= 100 ? ratio.toFixed(0) : ratio.toFixed(2)}×`;
}

/** Three significant digits, without exponent notation: 0.0412, 3.47, 187, 4310. */
export function formatMicros(micros: number): string {
  if (micros >= 100) return micros.toFixed(0);
  return micros.toPrecision(3);
}

export function formatInteger(value: number): string {
  return Math.round(value).toLocaleString("en-US");
}

type Column = { header: string; right: boolean };

/** A markdown table whose columns are padded, so it reads the same in a terminal and in a document. */
export function markdownTable(columns: readonly Column[], rows: readonly string[][]): string {
  const widths = columns.map((c, i) => Math.max(3, c.header.length, ...rows.map((r) => (r[i] ?? "").length)));
  const pad = (text: string, i: number) =>
    columns[i]?.right ? text.padStart(widths[i] ?? 0) : text.padEnd(widths[i] ?? 0);
  const line = (cells: readonly string[]) => `| ${cells.map((c, i) => pad(c, i)).join(" | ")} |`;
  const rule = columns.map((c, i) => {
    const dashes = "-".repeat(widths[i] ?? 3);
    return c.right ? `${dashes.slice(1)}:` : dashes;
  });
  return [line(columns.map((c) => c.header)), line(rule), ...rows.map(line)].join("\n");
}

export function renderReport(input: ReportInput): string {
  const base = input.rows.find((r) => r.name === input.baseline);
  const columns: Column[] = [
    { header: "Configuration", right: false },
    { header: "Requests/s", right: true },
    { header: "p50 ms", right: true },
    { header: "p90 ms", right: true },
    { header: "p99 ms", right: true },
    { header: "Requests", right: true },
    { header: "Non-2xx", right: true },
    { header: `Req/s vs ${input.baseline}`, right: true },
    { header: `p50 vs ${input.baseline}`, right: true },
    { header: "Check alone µs", right: true },
    { header: "Auth µs/request", right: true },
  ];
  const rows = input.rows.map((r) => [
    r.name,
    r.requestsPerSecond.toFixed(1),
    String(r.p50),
    String(r.p90),
    String(r.p99),
    formatInteger(r.requests),
    String(r.non2xx),
    formatRatio(r.requestsPerSecond, base?.requestsPerSecond),
    formatRatio(r.p50, base?.p50),
    r.checkMicros === null ? "–" : formatMicros(r.checkMicros),
    r.authMicros === null ? "–" : formatMicros(r.authMicros),
  ]);
  return [
    `### ${input.title}`,
    "",
    ...input.preamble,
    "",
    markdownTable(columns, rows),
    "",
    ...input.notes,
  ].join("\n");
}
