// HTTP load with autocannon against one running server: an unmeasured
// warm-up (JIT, connection pools, the stamp cache's first fill), then the
// measured run. Any error, timeout or non-2xx answer fails the whole run.
import autocannon from "autocannon";

export type LoadSettings = { connections: number; duration: number; warmup: number };

export type LoadResult = {
  requestsPerSecond: number;
  p50: number;
  p90: number;
  p99: number;
  requests: number;
  /** Always 0 in a result: any other count throws. Reported so the table shows it. */
  non2xx: number;
};

export async function measureLoad(
  url: string,
  headers: Record<string, string>,
  settings: LoadSettings,
): Promise<LoadResult> {
  const base = { url, connections: settings.connections, timeout: 10, headers };
  if (settings.warmup > 0) assertClean(await autocannon({ ...base, duration: settings.warmup }), "warm-up");
  const result = await autocannon({ ...base, duration: settings.duration });
  assertClean(result, "measured run");
  return {
    requestsPerSecond: result.requests.total / result.duration,
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
  };
}

type Outcome = Awaited<ReturnType<typeof autocannon>>;

function assertClean(result: Outcome, phase: string): void {
  const { errors, timeouts, non2xx } = result;
  if (errors === 0 && timeouts === 0 && non2xx === 0 && result.requests.total > 0) return;
  const statuses = Object.entries(result.statusCodeStats)
    .map(([status, { count }]) => `${status}×${count}`)
    .join(", ");
  throw new Error(
    `${phase}: ${non2xx} non-2xx answers, ${errors} errors, ${timeouts} timeouts ` +
      `of ${result.requests.total} completed requests (status codes: ${statuses || "none"}); no table printed`,
  );
}
