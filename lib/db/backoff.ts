// How long to wait before reconnecting after the n-th consecutive failure.
// Exponential up to a cap of a few seconds, so an instance comes back soon
// after the database does; jittered, so instances that lost the database at
// the same moment do not knock on its door in lockstep when it returns.

export type Backoff = {
  /** Ceiling of the first delay, in ms; it doubles with every failure. */
  baseMs: number;
  /** No delay is ever longer than this. */
  capMs: number;
};

export const DEFAULT_BACKOFF: Backoff = { baseMs: 250, capMs: 5_000 };

/**
 * "Equal jitter": a random point in the upper half of the current ceiling.
 * The lower half is never used, so however unlucky the draw, attempts stay at
 * least capMs / 2 apart once the ceiling has reached the cap.
 */
export function backoffDelay(failures: number, backoff: Backoff, random: () => number = Math.random): number {
  const exponent = Math.min(Math.max(failures, 0), 30); // 2^30 is past any cap; avoids Infinity
  const ceiling = Math.min(backoff.capMs, backoff.baseMs * 2 ** exponent);
  return ceiling / 2 + (random() * ceiling) / 2;
}

/** The most attempts the policy allows in `windowMs` once the ceiling has reached the cap. */
export function maxAttemptsAtCap(windowMs: number, backoff: Backoff): number {
  return Math.floor(windowMs / (backoff.capMs / 2)) + 1;
}
