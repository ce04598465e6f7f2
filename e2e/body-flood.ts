// Large request bodies against a running server, and what they cost it in
// memory: `e2e/large-bodies.spec.ts` and `npm run bench:bodies` share this.
// A chunked upload declares no length, so the server cannot refuse it from its
// headers alone; what matters is how much of it the server holds meanwhile.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import http from "node:http";

const CHUNK = Buffer.alloc(64 * 1024, "a");

export type Upload = { status: number | null; sentBytes: number };

/** POSTs `bytes` to `url` in chunks with no Content-Length; resolves when the server has answered or hung up. */
export function sendChunked(url: string, bytes: number, contentType = "application/json"): Promise<Upload> {
  return new Promise((resolve) => {
    let status: number | null = null;
    let sentBytes = 0;
    let settled = false;
    const done = () => {
      if (settled) return;
      settled = true;
      request.destroy();
      resolve({ status, sentBytes });
    };
    const request = http.request(url, {
      method: "POST",
      headers: { "content-type": contentType, "transfer-encoding": "chunked" },
    });
    request.on("response", (response) => {
      status = response.statusCode ?? null;
      response.resume();
      response.on("end", done);
    });
    request.on("error", done);
    request.on("close", () => setTimeout(done, 50));
    const write = () => {
      while (sentBytes < bytes && !settled) {
        sentBytes += CHUNK.length;
        if (!request.write(CHUNK)) return void request.once("drain", write);
      }
      if (!settled) request.end();
    };
    write();
  });
}

/** The pid of the process listening on 127.0.0.1:`port` (ss, from iproute2). */
export function pidListeningOn(port: number): number {
  const line = execFileSync("ss", ["-ltnpH", `sport = :${port}`], { encoding: "utf8" });
  const pid = /pid=(\d+)/.exec(line)?.[1];
  if (!pid) throw new Error(`no process of ours listens on port ${port}: ${line.trim() || "(nothing)"}`);
  return Number(pid);
}

/** Resident memory of `pid` in MB (Linux). */
export function rssMb(pid: number): number {
  const kb = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
  return Number(kb) / 1024;
}

export type Flood = { baselineMb: number; peakMb: number; growthMb: number; uploads: Upload[] };

/** `count` concurrent chunked uploads of `bytes` each to `url`, with the server's RSS sampled every 20 ms. */
export async function flood(url: string, pid: number, count: number, bytes: number): Promise<Flood> {
  // One small upload first, so that loading the route's code (tens of MB on a
  // fresh server) is not counted as memory the flood made the server hold.
  await sendChunked(url, 128 * 1024);
  const baselineMb = rssMb(pid);
  let peakMb = baselineMb;
  const sampler = setInterval(() => (peakMb = Math.max(peakMb, rssMb(pid))), 20);
  try {
    const uploads = await Promise.all(Array.from({ length: count }, () => sendChunked(url, bytes)));
    await new Promise((resolve) => setTimeout(resolve, 200));
    peakMb = Math.max(peakMb, rssMb(pid));
    return { baselineMb, peakMb, growthMb: peakMb - baselineMb, uploads };
  } finally {
    clearInterval(sampler);
  }
}
