// Latency summaries for the propagation benchmark and the soak: percentiles
// over a list of milliseconds, printed as one markdown row.
import { formatMicros, markdownTable } from "./report";

export type LatencySummary = { count: number; p50: number; p90: number; p99: number; max: number };

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? Number.NaN;
}

export function summarize(values: readonly number[]): LatencySummary {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? Number.NaN,
  };
}

export function latencyTable(rows: readonly { name: string; summary: LatencySummary }[]): string {
  const ms = (value: number) => formatMicros(value); // three significant digits; the unit is in the header
  return markdownTable(
    [
      { header: "Measured", right: false },
      { header: "Changes", right: true },
      { header: "p50 ms", right: true },
      { header: "p90 ms", right: true },
      { header: "p99 ms", right: true },
      { header: "max ms", right: true },
    ],
    rows.map(({ name, summary: s }) => [name, String(s.count), ms(s.p50), ms(s.p90), ms(s.p99), ms(s.max)]),
  );
}
