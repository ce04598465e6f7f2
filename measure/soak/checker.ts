// Judges a soak run. A change (a grant or a revocation of the role that allows
// the route) has propagated to an instance once that instance has answered any
// request of the user with the change's stamp or a later one, or at the latest
// one second after the commit. A request that starts after that must get the
// change's decision: a 200 after a propagated revocation is a violation.
// Requests in flight while a change commits, or that start between a commit
// and its propagation, may get either the old or the new decision; the ones
// allowed after a revocation had committed are counted, as a measure.
//
// During a database outage an instance must refuse (503), never guess: a 503
// on an instance from the cut until its first other answer after the database
// came back is expected and counted apart; any other 5xx is an error.

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

/** When the gates were cut and opened again (same clock as the observations). */
export type OutageWindow = { cutAt: number; reopenedAt: number };

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
  /** 503 answers between the cut and the instance's recovery, as they should be. */
  refusedDuringOutage: number;
  /** Per instance: ms from reopening to the end of its first answer other than 503; null if none. */
  recoveryMs: Record<string, number | null>;
};

export const PROPAGATION_DEADLINE_MS = 1_000;

type Timed = Change & { propagatedAt: Map<string, number> };

export function judge(
  initial: ReadonlyMap<string, boolean>,
  changes: readonly Change[],
  observations: readonly Observation[],
  outage: OutageWindow | null = null,
): Verdict {
  const recoveredAt = outage ? recoveries(observations, outage) : new Map<string, number | null>();
  const verdict: Verdict = {
    requests: observations.length,
    changes: changes.length,
    allowedAfterRevocation: 0,
    deniedAfterGrant: 0,
    serverErrors: 0,
    otherStatuses: 0,
    allowedInWindow: 0,
    longestWindowMs: 0,
    refusedDuringOutage: 0,
    recoveryMs: Object.fromEntries(
      [...recoveredAt].map(([instance, at]) => [instance, at === null ? null : at - outage!.reopenedAt]),
    ),
  };
  const timed = withPropagation(changes, observations);
  for (const o of observations) {
    const recovered = recoveredAt.get(o.instance) ?? Infinity;
    if (o.status === 503 && outage && o.endedAt >= outage.cutAt && o.startedAt <= recovered)
      verdict.refusedDuringOutage++;
    else if (o.status >= 500) verdict.serverErrors++;
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

/** Per instance, the end of its first answer other than 503 that started after the reopening. */
function recoveries(observations: readonly Observation[], outage: OutageWindow): Map<string, number | null> {
  const result = new Map<string, number | null>();
  for (const o of observations) {
    if (!result.has(o.instance)) result.set(o.instance, null);
    if (o.startedAt < outage.reopenedAt || o.status === 503) continue;
    const known = result.get(o.instance);
    if (known === null || known === undefined || o.endedAt < known) result.set(o.instance, o.endedAt);
  }
  return result;
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
