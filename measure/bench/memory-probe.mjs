// Preloaded into the server under test by `npm run bench:streams`
// (NODE_OPTIONS="--expose-gc --import <this file>"). On SIGUSR2 it runs a full
// garbage collection, then appends process.memoryUsage() as one JSON line to
// $MEMORY_PROBE_FILE: a reading of what is alive, not of garbage that the
// collector has not reached yet (which made single RSS readings swing).
import { appendFileSync } from "node:fs";

const file = process.env.MEMORY_PROBE_FILE;
if (file && typeof globalThis.gc === "function") {
  process.on("SIGUSR2", () => {
    globalThis.gc();
    appendFileSync(file, `${JSON.stringify({ pid: process.pid, ...process.memoryUsage() })}\n`);
  });
}
