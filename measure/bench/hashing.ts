// `npx tsx measure/bench/hashing.ts`: what one password check costs with each
// candidate, and how long the event loop stalls while 40 run at once (a timer
// that should fire every 5 ms measures it). The figures behind the choice in
// lib/security/password.ts; see docs/PERFORMANCE.md.
import { randomBytes, scrypt } from "node:crypto";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { promisify } from "node:util";
import bcrypt from "bcrypt";
import bcryptjs from "bcryptjs";
import { PASSWORD_COST, verifyPassword } from "@/lib/security/password";
import { markdownTable, median } from "./report";

const scryptAsync = promisify(scrypt) as (
  password: string,
  salt: Buffer,
  length: number,
  options: { N: number; r: number; p: number; maxmem: number },
) => Promise<Buffer>;

const PASSWORD = "demo1234";
const CONCURRENT = 40;

type Candidate = { name: string; check: () => Promise<unknown> };

async function candidates(): Promise<Candidate[]> {
  const legacy = bcryptjs.hashSync(PASSWORD, PASSWORD_COST);
  const native = await bcrypt.hash(PASSWORD, PASSWORD_COST);
  const salt = randomBytes(16);
  const viaScrypt = (log2N: number) => ({
    name: `scrypt N=2^${log2N} r=8 p=1 (${2 ** log2N / 1024} MiB)`,
    check: () => scryptAsync(PASSWORD, salt, 64, { N: 2 ** log2N, r: 8, p: 1, maxmem: 2 ** (log2N + 11) }),
  });
  return [
    { name: `bcryptjs cost ${PASSWORD_COST} (before)`, check: () => bcryptjs.compare(PASSWORD, legacy) },
    { name: `bcrypt native cost ${PASSWORD_COST}, unqueued`, check: () => bcrypt.compare(PASSWORD, native) },
    {
      name: `bcrypt native cost ${PASSWORD_COST}, as the app (queued)`,
      check: () => verifyPassword(PASSWORD, native),
    },
    viaScrypt(14),
    viaScrypt(15),
  ];
}

async function measure({ name, check }: Candidate): Promise<string[]> {
  await check(); // warm-up
  const singles: number[] = [];
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    await check();
    singles.push(performance.now() - start);
  }
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  const start = performance.now();
  await Promise.all(Array.from({ length: CONCURRENT }, check));
  const total = performance.now() - start;
  delay.disable();
  return [
    name,
    median(singles).toFixed(0),
    ((CONCURRENT * 1000) / total).toFixed(1),
    (delay.percentile(99) / 1e6).toFixed(0),
    (delay.max / 1e6).toFixed(0),
  ];
}

async function main() {
  const rows: string[][] = [];
  for (const candidate of await candidates()) {
    console.error(`measuring ${candidate.name}`);
    rows.push(await measure(candidate));
  }
  const numeric = (header: string) => ({ header, right: true });
  const columns = [
    { header: "Hash", right: false },
    numeric("One check ms (median of 5)"),
    numeric(`Checks/s, ${CONCURRENT} at once`),
    numeric("Loop delay p99 ms"),
    numeric("Loop delay max ms"),
  ];
  console.log(markdownTable(columns, rows));
}

void main();
