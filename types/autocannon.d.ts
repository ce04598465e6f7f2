// The part of autocannon's programmatic API that measure/bench uses
// (autocannon ships no type declarations).
declare module "autocannon" {
  type Options = {
    url: string;
    connections?: number;
    /** Seconds. */
    duration?: number;
    /** Seconds to wait for a response before counting a timeout. */
    timeout?: number;
    headers?: Record<string, string>;
  };

  /** Percentiles are p50, p90, p99, … (autocannon's names), in the histogram's unit. */
  type Histogram = {
    average: number;
    mean: number;
    stddev: number;
    min: number;
    max: number;
    total: number;
    p50: number;
    p90: number;
    p99: number;
  };

  type Result = {
    /** Seconds actually run. */
    duration: number;
    errors: number;
    timeouts: number;
    non2xx: number;
    /** Milliseconds, recorded as whole numbers. */
    latency: Histogram;
    /** Per-second samples; `total` is the number of completed requests. */
    requests: Histogram;
    statusCodeStats: Record<string, { count: number }>;
  };

  type Instance = Promise<Result> & { stop(): void };

  function autocannon(options: Options): Instance;
  export default autocannon;
}
