// How long the browser waits before opening the event stream again. Never hot:
// a refused or failing stream is retried later and later, with jitter so that
// many browsers refused at once do not come back at once.

const BACKOFF_MS = [1_000, 2_000, 5_000, 10_000, 30_000];
/** After a stream that worked and then ended (a deploy, a proxy timeout): the server's retry hint. */
export const RECONNECT_MS = 2_000;
/** A Retry-After longer than this is taken as this: a typo on the server must not park a tab for days. */
const MAX_RETRY_AFTER_MS = 10 * 60_000;

/** `ms` spread over [ms, ms × 1.5). */
export function withJitter(ms: number, random: () => number = Math.random): number {
  return Math.round(ms * (1 + random() * 0.5));
}

/** The n-th consecutive failure's wait (0-based), before jitter. */
export function backoffMs(failures: number): number {
  return BACKOFF_MS[Math.min(failures, BACKOFF_MS.length - 1)]!;
}

/** Retry-After in seconds or as an HTTP date, in ms from `now`; null when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (header === null || header.trim() === "") return null;
  const seconds = Number(header);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - now;
  if (!Number.isFinite(ms)) return null;
  return Math.min(Math.max(ms, 1_000), MAX_RETRY_AFTER_MS);
}

/** Waits `ms`, or less if `signal` aborts first (at once when it already has). */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });
}
