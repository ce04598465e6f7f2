import { describe, expect, it } from "vitest";
import { latencyTable, percentile, summarize } from "@/measure/bench/latency";
import {
  formatMicros,
  formatRatio,
  type HttpRow,
  markdownTable,
  median,
  medianBy,
  renderReport,
} from "@/measure/bench/report";

describe("benchmark statistics", () => {
  it("median of odd and even counts, in any order", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(() => median([])).toThrow();
  });

  it("medianBy picks one whole item, the lower middle for an even count", () => {
    const runs = [{ rps: 30 }, { rps: 10 }, { rps: 20 }, { rps: 40 }];
    expect(medianBy(runs, (r) => r.rps)).toEqual({ rps: 20 });
    expect(medianBy(runs.slice(0, 3), (r) => r.rps)).toEqual({ rps: 20 });
  });

  it("ratios have two decimals, large ones none, and a dash when there is no base", () => {
    expect(formatRatio(90, 100)).toBe("0.90×");
    expect(formatRatio(1234, 2)).toBe("617×");
    expect(formatRatio(1, undefined)).toBe("–");
    expect(formatRatio(1, 0)).toBe("–");
  });

  it("microseconds keep three significant digits", () => {
    expect(formatMicros(0.041234)).toBe("0.0412");
    expect(formatMicros(3.4712)).toBe("3.47");
    expect(formatMicros(187.4)).toBe("187");
  });
});

describe("benchmark table", () => {
  it("pads columns and right-aligns numbers", () => {
    const table = markdownTable(
      [
        { header: "Name", right: false },
        { header: "N", right: true },
      ],
      [["a", "1000"]],
    );
    expect(table.split("\n")).toEqual(["| Name |    N |", "| ---- | ---: |", "| a    | 1000 |"]);
  });

  it("puts ratios relative to the baseline row", () => {
    const row = (name: string, requestsPerSecond: number, p50: number): HttpRow => ({
      name,
      requestsPerSecond,
      p50,
      p90: p50 * 2,
      p99: p50 * 3,
      requests: requestsPerSecond * 10,
      non2xx: 0,
      checkMicros: null,
      authMicros: name === "strict" ? 612.4 : null,
    });
    const report = renderReport({
      title: "T",
      preamble: [],
      rows: [row("off", 500, 10), row("strict", 250, 20)],
      baseline: "off",
      notes: [],
    });
    expect(report).toMatch(
      /\| strict +\| +250\.0 \| +20 \| +40 \| +60 \| +2,500 \| +0 \| +0\.50× \| +2\.00× \| +– \| +612 \|/,
    );
  });
});

describe("latency summaries", () => {
  it("uses nearest-rank percentiles", () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i); // 100 … 1, unsorted on purpose
    expect(summarize(values)).toEqual({ count: 100, p50: 50, p90: 90, p99: 99, max: 100 });
    expect(percentile([7], 99)).toBe(7);
    expect(Number.isNaN(percentile([], 50))).toBe(true);
  });

  it("prints one row per measurement", () => {
    const table = latencyTable([{ name: "push", summary: summarize([1.5, 2.5, 40]) }]);
    expect(table).toMatch(/\| push +\| +3 \| +2\.50 \| +40\.0 \| +40\.0 \| +40\.0 \|/);
  });
});
