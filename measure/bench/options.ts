// Command-line flags of `npm run bench` (after `--`), e.g.
// `npm run bench -- --no-build --duration 5 --only cached,strict`.
import { readCommandLine, usageError } from "../../scripts/support/command-line";

export type BenchOptions = {
  build: boolean;
  /** Seconds of measured load per configuration. */
  duration: number;
  /** Seconds of unmeasured load first, so the JIT and connection pools are warm. */
  warmup: number;
  connections: number;
  /** Each configuration runs this many times, interleaved; the table shows its median round. */
  rounds: number;
  only: string[] | null;
  /** Admin connection used to create and drop the benchmark's own database. */
  adminUrl: string;
  /** Print the rows as JSON instead of the markdown report (npm run bench:strategies reads it). */
  json: boolean;
  /** Also measure CPU and database transactions per request (a second, quiet-counted load phase). */
  costs: boolean;
};

export const USAGE = `Usage: npm run bench -- [options]
  --no-build          reuse the existing .next build instead of running \`next build\`
  --duration <s>      measured seconds per configuration (default 10)
  --warmup <s>        unmeasured seconds before each measurement (default 2)
  --connections <n>   concurrent connections (default 10)
  --rounds <n>        run every configuration n times, interleaved; report the median (default 1)
  --only <a,b>        run only these configurations (e.g. cached,strict)
  --json              print the rows as JSON instead of the markdown table
  --costs             also count the server's CPU and PostgreSQL's transactions per request
Environment: TEST_POSTGRES_URL, the PostgreSQL admin URL (default postgresql://postgres@127.0.0.1:5432/postgres)`;

function numberFlag(flag: string, value: string | undefined, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isFinite(number) || number < min)
    usageError(`--${flag} needs a number >= ${min}, got "${value}"`);
  return number;
}

export function parseOptions(argv: string[]): BenchOptions {
  const { values } = readCommandLine(
    USAGE,
    {
      options: {
        "no-build": { type: "boolean" },
        duration: { type: "string" },
        warmup: { type: "string" },
        connections: { type: "string" },
        rounds: { type: "string" },
        only: { type: "string" },
        json: { type: "boolean" },
        costs: { type: "boolean" },
      },
    },
    argv,
  );
  const only = values.only
    ?.split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  return {
    build: !values["no-build"],
    duration: numberFlag("duration", values.duration, 10, 1),
    warmup: numberFlag("warmup", values.warmup, 2, 0),
    connections: Math.round(numberFlag("connections", values.connections, 10, 1)),
    rounds: Math.round(numberFlag("rounds", values.rounds, 1, 1)),
    only: only && only.length > 0 ? only : null,
    adminUrl: process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres",
    json: values.json ?? false,
    costs: values.costs ?? false,
  };
}
