// Every script a reader may run from README or docs/CONFIGURATION.md answers
// --help with its usage (exit 0) before doing any work, and an option it does
// not know with one line (exit 2): scripts/support/command-line.ts. Real
// processes, as npm runs them.
import { afterEach, describe, expect, it } from "vitest";
import { killAll, spawnScript } from "../support/processes";

const SCRIPTS = [
  "scripts/client/index.ts",
  "measure/bench/index.ts",
  "measure/bench/propagation.ts",
  "measure/bench/sign-in.ts",
  "measure/bench/streams.ts",
  "measure/bench/bodies.ts",
  "measure/bench/strategies.ts",
  "measure/bench/peers.ts",
  "measure/soak/index.ts",
  "scripts/db.ts",
  "scripts/token-key.ts",
  "scripts/closure.ts",
  "scripts/adopt-check.ts",
  "scripts/dev.ts",
];

async function run(script: string, args: string[], env: Record<string, string> = {}) {
  const child = spawnScript(script, args, env);
  const code = await child.exited(60_000);
  return { code, output: child.output() };
}

/** `size` scripts at a time: tsx start-up is most of each run, and the machine is shared. */
async function inBatches<T, R>(items: T[], size: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += size)
    results.push(...(await Promise.all(items.slice(i, i + size).map(work))));
  return results;
}

afterEach(killAll);

describe("scripts' command lines", () => {
  it(
    "--help prints the usage and exits 0; an unknown option, one line and exit 2",
    { timeout: 180_000 },
    async () => {
      const runs = await inBatches(SCRIPTS, 5, async (script) => {
        const [help, unknown] = await Promise.all([
          run(script, ["--help"]),
          run(script, ["--no-such-option"]),
        ]);
        return { script, help, unknown };
      });
      for (const { script, help, unknown } of runs) {
        expect(help.code, `${script} --help:\n${help.output}`).toBe(0);
        expect(help.output, script).toMatch(/^Usage: /);
        expect(help.output, script).not.toMatch(/\n\s+at /); // no stack trace
        expect(unknown.code, `${script} --no-such-option:\n${unknown.output}`).toBe(2);
        expect(unknown.output.trim().split("\n"), script).toEqual([
          expect.stringContaining("Unknown option '--no-such-option'"),
        ]);
      }
    },
  );

  it("the client's default address follows PORT, like the app's", { timeout: 60_000 }, async () => {
    const { code, output } = await run("scripts/client/index.ts", ["--help"], { PORT: "3456" });
    expect(code).toBe(0);
    expect(output).toContain("--url <url>         the app (default http://localhost:3456");
  });
});
