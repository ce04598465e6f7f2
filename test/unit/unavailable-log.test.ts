import { describe, expect, it } from "vitest";
import { logUnavailable } from "@/lib/auth/unavailable-log";

describe("logging failed permission checks during an outage", () => {
  it("writes one line per place and interval, on one line, with the count of those it skipped", () => {
    const lines: string[] = [];
    const write = (line: string) => void lines.push(line);
    const failure = new Error(
      "Invalid `prisma.$queryRaw()` invocation:\n\n  Server has closed the connection.",
    );
    for (let ms = 0; ms < 5_000; ms += 10) logUnavailable("test-a", failure, { now: 1_000 + ms, write });
    logUnavailable("test-b", failure, { now: 1_500, write }); // another place has its own line
    logUnavailable("test-a", failure, { now: 6_000, write });
    expect(lines).toEqual([
      "[test-a] cannot check permissions: Invalid `prisma.$queryRaw()` invocation: Server has closed the connection.",
      "[test-b] cannot check permissions: Invalid `prisma.$queryRaw()` invocation: Server has closed the connection.",
      "[test-a] cannot check permissions: Invalid `prisma.$queryRaw()` invocation: Server has closed the connection. (and 499 more like it since the last line)",
    ]);
  });
});
