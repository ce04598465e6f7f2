// docs/strategies-chart.svg: every strategy and peer as one labelled point,
// staleness (p50 from a revoke's commit until it is enforced, log scale)
// across, cost up. Cost is CPU µs per request when every row has it, else
// requests/s relative to the fastest row (the fastest is 1×). Hand-written
// SVG: no charting dependency.
import { writeFileSync } from "node:fs";

export type ChartRow = {
  name: string;
  kind: "ours" | "peer";
  /** p50 ms from commit to enforcement; null: never enforced (drawn in the "never" lane). */
  stalenessMs: number | null;
  /** True when stalenessMs is a documented bound (a window) rather than a measurement. */
  bound?: boolean;
  cpuMicrosPerRequest?: number | null;
  requestsPerSecond?: number | null;
};

const WIDTH = 960;
const HEIGHT = 550;
const PLOT = { left: 80, right: 650, top: 50, bottom: 450 }; // the "never" lane sits right of PLOT.right
const NEVER_X = 730;
const DECADES = [0, 1, 2, 3, 4, 5, 6]; // 1 ms … 1,000 s
const COLOURS = { ours: "#1f5fbf", peer: "#c2571a" };

const escape = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

function decadeLabel(decade: number): string {
  const ms = 10 ** decade;
  return ms < 1000 ? `${ms} ms` : `${ms / 1000} s`;
}

function costOf(rows: readonly ChartRow[]): { label: string; values: number[] } {
  if (rows.every((r) => r.cpuMicrosPerRequest != null))
    return { label: "CPU µs per request", values: rows.map((r) => r.cpuMicrosPerRequest!) };
  const fastest = Math.max(...rows.map((r) => r.requestsPerSecond ?? 0));
  return {
    label: "cost: fastest requests/s ÷ this row's (1× = fastest)",
    values: rows.map((r) => (r.requestsPerSecond ? fastest / r.requestsPerSecond : Number.NaN)),
  };
}

/** A round axis top (1, 2 or 5 times a power of ten) at or above `value`. */
function niceTop(value: number): number {
  const power = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 5, 10].map((m) => m * power).find((top) => top >= value) ?? 10 * power;
}

/**
 * Each label right of its point, moved up or down by a line at a time (the
 * nearest free place first) until it overlaps no point and no label placed
 * before it.
 */
function placeLabels(points: { x: number; y: number; text: string }[]): number[] {
  const placed = points.map((p) => ({ x: p.x - 6, y: p.y + 4, w: 12 }));
  const free = (x: number, y: number, w: number) =>
    !placed.some((p) => Math.abs(p.y - y) < 13 && x < p.x + p.w && p.x < x + w);
  return points.map(({ x, y, text }) => {
    const w = text.length * 6.2;
    const shifts = [
      0,
      ...Array.from({ length: 20 }, (_, i) => (i % 2 ? 1 : -1) * 13 * Math.ceil((i + 1) / 2)),
    ];
    const ly = shifts.map((shift) => y + 4 + shift).find((candidate) => free(x + 8, candidate, w)) ?? y + 4;
    placed.push({ x: x + 8, y: ly, w });
    return ly;
  });
}

export function renderChart(rows: readonly ChartRow[], title: string): string {
  const cost = costOf(rows);
  const top = niceTop(Math.max(...cost.values.filter(Number.isFinite), 1) * 1.05);
  const x = (ms: number | null) => {
    if (ms === null) return NEVER_X;
    const t = (Math.log10(Math.max(ms, 1)) - DECADES[0]!) / (DECADES.at(-1)! - DECADES[0]!);
    return PLOT.left + Math.min(1, t) * (PLOT.right - PLOT.left);
  };
  const y = (value: number) => PLOT.bottom - (value / top) * (PLOT.bottom - PLOT.top);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="system-ui, sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="${WIDTH / 2}" y="24" text-anchor="middle" font-size="15" font-weight="600">${escape(title)}</text>`,
  ];
  for (const decade of DECADES) {
    const gx = x(10 ** decade);
    out.push(`<line x1="${gx}" y1="${PLOT.top}" x2="${gx}" y2="${PLOT.bottom}" stroke="#e4e4e4"/>`);
    out.push(`<text x="${gx}" y="${PLOT.bottom + 18}" text-anchor="middle">${decadeLabel(decade)}</text>`);
  }
  for (let i = 0; i <= 4; i++) {
    const value = (top / 4) * i;
    out.push(
      `<line x1="${PLOT.left}" y1="${y(value)}" x2="${NEVER_X + 20}" y2="${y(value)}" stroke="#f0f0f0"/>`,
    );
    const label = value.toLocaleString("en-US", { maximumFractionDigits: 2 });
    out.push(`<text x="${PLOT.left - 8}" y="${y(value) + 4}" text-anchor="end">${label}</text>`);
  }
  out.push(
    `<rect x="${NEVER_X - 30}" y="${PLOT.top}" width="60" height="${PLOT.bottom - PLOT.top}" fill="#f6f6f6"/>`,
    `<text x="${NEVER_X}" y="${PLOT.bottom + 18}" text-anchor="middle">never</text>`,
    `<line x1="${PLOT.left}" y1="${PLOT.bottom}" x2="${NEVER_X + 30}" y2="${PLOT.bottom}" stroke="#333"/>`,
    `<line x1="${PLOT.left}" y1="${PLOT.top}" x2="${PLOT.left}" y2="${PLOT.bottom}" stroke="#333"/>`,
    `<text x="${(PLOT.left + PLOT.right) / 2}" y="${PLOT.bottom + 42}" text-anchor="middle">staleness: p50 ms from a revoke's commit until it is enforced (log scale; hollow: the window, not measured)</text>`,
    `<text transform="translate(18 ${(PLOT.top + PLOT.bottom) / 2}) rotate(-90)" text-anchor="middle">${escape(cost.label)}</text>`,
  );
  const points = rows
    .map((row, i) => ({ row, x: x(row.stalenessMs), y: y(cost.values[i] ?? Number.NaN) }))
    .filter((p) => Number.isFinite(p.y))
    .sort((a, b) => a.y - b.y || a.x - b.x);
  const labelY = placeLabels(points.map((p) => ({ x: p.x, y: p.y, text: p.row.name })));
  points.forEach(({ row, x: px, y: py }, i) => {
    const colour = COLOURS[row.kind];
    const fill = row.bound ? "#fff" : colour;
    out.push(`<circle cx="${px}" cy="${py}" r="5" fill="${fill}" stroke="${colour}" stroke-width="2"/>`);
    // A label moved away from its point keeps a thin line to it.
    const ly = labelY[i]!;
    if (Math.abs(ly - 4 - py) > 6)
      out.push(
        `<line x1="${px + 4}" y1="${py}" x2="${px + 8}" y2="${ly - 4}" stroke="${colour}" stroke-width="0.8"/>`,
      );
    out.push(`<text x="${px + 10}" y="${ly}" fill="${colour}">${escape(row.name)}</text>`);
  });
  out.push(
    `<circle cx="${PLOT.left + 14}" cy="${HEIGHT - 24}" r="5" fill="${COLOURS.ours}"/>`,
    `<text x="${PLOT.left + 24}" y="${HEIGHT - 20}">this app's AUTH_FRESHNESS modes</text>`,
    `<circle cx="${PLOT.left + 264}" cy="${HEIGHT - 24}" r="5" fill="${COLOURS.peer}"/>`,
    `<text x="${PLOT.left + 274}" y="${HEIGHT - 20}">peers (other libraries, hand-written)</text>`,
    `</svg>`,
  );
  return out.join("\n") + "\n";
}

export function writeChart(
  rows: readonly ChartRow[],
  path: string,
  title = "Staleness against cost, per strategy and peer",
): void {
  writeFileSync(path, renderChart(rows, title));
}
