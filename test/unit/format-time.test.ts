import { describe, expect, it } from "vitest";
import { formatInstant, formatRelative } from "@/lib/format";

const NOW = Date.UTC(2026, 10, 30, 18, 14, 5);

describe("formatInstant", () => {
  it("reads in UTC, to the minute or to the second", () => {
    expect(formatInstant(NOW)).toBe("30 Nov 2026, 18:14 UTC");
    expect(formatInstant(new Date(NOW), { seconds: true })).toBe("30 Nov 2026, 18:14:05 UTC");
    expect(formatInstant(new Date(NOW).toISOString(), { seconds: true })).toBe("30 Nov 2026, 18:14:05 UTC");
  });
});

describe("formatRelative", () => {
  it.each([
    [NOW, "just now"],
    [NOW - 20_000, "just now"],
    // Less than a minute ahead: the database's clock runs a little ahead of ours, not the future.
    [NOW + 20_000, "just now"],
    [NOW + 59_000, "just now"],
    [NOW - 60_000, "1 minute ago"],
    [NOW - 59 * 60_000, "59 minutes ago"],
    [NOW - 3 * 3_600_000, "3 hours ago"],
    [NOW + 2 * 86_400_000, "in 2 days"],
    [NOW - 86_400_000, "yesterday"],
  ])("%s reads %s", (at, text) => {
    expect(formatRelative(at, NOW)).toBe(text);
  });

  it("counts seconds where order matters", () => {
    expect(formatRelative(NOW - 12_000, NOW, { seconds: true })).toBe("12 seconds ago");
    expect(formatRelative(NOW - 61_000, NOW, { seconds: true })).toBe("1 minute ago");
    expect(formatRelative(NOW + 5_000, NOW, { seconds: true })).toBe("just now");
  });

  it("past 30 days gives the date itself", () => {
    expect(formatRelative(NOW - 40 * 86_400_000, NOW)).toBe("21 Oct 2026, 18:14 UTC");
  });
});
