// Judges a soak run. A change (a grant or a revocation of the role that allows
// the route) has propagated to an instance once that instance has answered any
// request of the user with the change's stamp or a later one, or at the latest
// one second after the commit. A request that starts after that must get the
// change's decision: a 200 after a propagated revocation is a violation.
// Requests in flight while a change commits, or that start between a commit
// and its propagation, may get either the old or the new decision; the ones
// allowed after a revocation had committed are counted, as a measure.

export type Change = { userId: string; granted: boolean; committedAt: number; stamp: number };

export type Observation = {
  userId: string;
  instance: string;
  startedAt: number;
  endedAt: number;
  status: number;
  /** X-Permissions-Updated of the response, when present. */
  stamp: number | null;
};

export type Verdict = {
  requests: number;
  changes: number;
  allowedAfterRevocation: number;
  deniedAfterGrant: number;
  serverErrors: number;
  otherStatuses: number;
  /** Requests allowed while a revocation had committed but not yet propagated, and the longest such lag. */
  allowedInWindow: number;
  longestWindowMs: number;
};

export const PROPAGATION_DEADLINE_MS = 1_000;

type Timed = Change & { propagatedAt: Map<string, number> };

export function judge(
  initial: ReadonlyMap<string, boolean>,
  changes: readonly Change[],
  observations: readonly Observation[],
): Verdict {
  const verdict: Verdict = {
    requests: observations.length,
    changes: changes.length,
    allowedAfterRevocation: 0,
    deniedAfterGrant: 0,
    serverErrors: 0,
    otherStatuses: 0,
    allowedInWindow: 0,
    longestWindowMs: 0,
  };
  const timed = withPropagation(changes, observations);
  for (const o of observations) {
    if (o.status >= 500) verdict.serverErrors++;
    else if (o.status !== 200 && o.status !== 403) verdict.otherStatuses++;
    if (o.status !== 200 && o.status !== 403) continue;

    let decided = initial.get(o.userId) ?? false;
    const pending: Change[] = []; // committed before the answer, not propagated when the request started
    for (const c of timed.get(o.userId) ?? []) {
      if ((c.propagatedAt.get(o.instance) ?? Infinity) <= o.startedAt) decided = c.granted;
      else if (c.committedAt <= o.endedAt) pending.push(c);
    }
    const allowed = o.status === 200;
    const acceptable = allowed === decided || pending.some((c) => c.granted === allowed);
    if (!acceptable) {
      if (allowed) verdict.allowedAfterRevocation++;
      else verdict.deniedAfterGrant++;
    }
    // Allowed although the latest change committed before the request started was a revocation,
    // and no grant committed while it was in flight: stale, inside the propagation window.
    const truthAtStart = pending.filter((c) => c.committedAt <= o.startedAt).at(-1);
    const revocation = truthAtStart && !truthAtStart.granted ? truthAtStart : undefined;
    const grantInFlight = pending.some((c) => c.granted && c.committedAt > o.startedAt);
    if (acceptable && allowed && revocation && !grantInFlight) {
      verdict.allowedInWindow++;
      verdict.longestWindowMs = Math.max(verdict.longestWindowMs, o.startedAt - revocation.committedAt);
    }
  }
  return verdict;
}

/** Each change, in commit order per user, with when it propagated to each instance. */
function withPropagation(
  changes: readonly Change[],
  observations: readonly Observation[],
): Map<string, Timed[]> {
  const seen = new Map<string, Observation[]>();
  for (const o of observations) if (o.stamp !== null) push(seen, o.userId, o);
  const instances = [...new Set(observations.map((o) => o.instance))];
  const result = new Map<string, Timed[]>();
  for (const c of [...changes].sort((a, b) => a.committedAt - b.committedAt)) {
    const propagatedAt = new Map<string, number>();
    for (const instance of instances) {
      let at = c.committedAt + PROPAGATION_DEADLINE_MS;
      for (const o of seen.get(c.userId) ?? [])
        if (o.instance === instance && o.stamp! >= c.stamp && o.endedAt < at) at = o.endedAt;
      propagatedAt.set(instance, at);
    }
    push(result, c.userId, { ...c, propagatedAt });
  }
  return result;
}

function push<T>(map: Map<string, T[]>, key: string, item: T): void {
  const list = map.get(key);
  if (list) list.push(item);
  else map.set(key, [item]);
}
