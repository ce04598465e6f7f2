// Memory readings of a server started with measure/bench/memory-probe.mjs:
// each reading forces a full collection in the server first, then takes its
// heap, its external memory (buffers) and the resident memory of its whole
// process group. Several readings, a second apart, and their medians.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { groupRssBytes } from "../../scripts/support/process-memory";
import { median } from "./report";

export const MEMORY_PROBE = pathToFileURL(path.resolve("measure/bench/memory-probe.mjs")).href;

/** The environment that loads the probe into a server; readings go to `file`. */
export function probeEnv(file: string): Record<string, string> {
  return { NODE_OPTIONS: `--expose-gc --import ${MEMORY_PROBE}`, MEMORY_PROBE_FILE: file };
}

export type MemoryReading = {
  /** Resident memory of the server's process group, after the collection. */
  rss: number;
  /** V8 heap in use plus memory outside it (buffers, array buffers), after the collection. */
  live: number;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function lines(file: string): string[] {
  return existsSync(file) ? readFileSync(file, "utf8").split("\n").filter(Boolean) : [];
}

/** One reading: SIGUSR2 to the server, then wait for the line the probe appends. */
async function readOnce(pid: number, file: string): Promise<MemoryReading> {
  const before = lines(file).length;
  process.kill(pid, "SIGUSR2");
  const deadline = Date.now() + 30_000;
  for (;;) {
    const all = lines(file);
    if (all.length > before) {
      const usage = JSON.parse(all[all.length - 1]!) as NodeJS.MemoryUsage;
      return { rss: groupRssBytes(pid), live: usage.heapUsed + usage.external };
    }
    if (Date.now() > deadline)
      throw new Error(`no memory reading from process ${pid} within 30 s (probe not loaded?)`);
    await sleep(50);
  }
}

/** The medians of `samples` readings a second apart. */
export async function steadyMemory(pid: number, file: string, samples: number): Promise<MemoryReading> {
  const readings: MemoryReading[] = [];
  for (let i = 0; i < samples; i++) {
    if (i > 0) await sleep(1000);
    readings.push(await readOnce(pid, file));
  }
  return { rss: median(readings.map((r) => r.rss)), live: median(readings.map((r) => r.live)) };
}
