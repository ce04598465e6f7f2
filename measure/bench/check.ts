// The freshness check alone, in process, against the benchmark's database:
// the median cost of one ensureFreshClaims call for a session whose claims
// are current (the common case), per mode. Calls run in batches timed with
// hrtime, so the timer's own cost and one-off pauses (GC) do not dominate.
import { randomBytes } from "node:crypto";
import { loadClaims } from "@/lib/auth/claims";
import { organizationClaims } from "@/lib/tenancy/claims-extension";
import { ensureFreshClaims, type FreshnessDeps, type FreshnessMode } from "@/lib/auth/freshness";
import { DEFAULT_SESSION_LIFETIME_SECONDS } from "@/lib/env";
import { type AuthToken, withClaims } from "@/lib/auth/token";
import { databaseStamps, StampCache } from "@/lib/auth/stamp-cache";
import { openDatabase } from "@/lib/db/open";
import { connectListener } from "@/lib/live/wiring";
import { letTheLoopRun, measureAuthWork, measureBearerWork } from "./auth-work";
import { type BenchConfiguration, modeOf, tokenMemoOf } from "./configurations";
import { median } from "./report";
import { BENCH_USER } from "./session";

/** Batches × calls per batch; a database round trip costs far more, so it gets fewer. */
const PLAN: Record<FreshnessMode, { batches: number; calls: number }> = {
  off: { batches: 200, calls: 1000 },
  reauth: { batches: 200, calls: 1000 },
  lazy: { batches: 200, calls: 1000 },
  short: { batches: 200, calls: 1000 },
  cached: { batches: 200, calls: 1000 },
  strict: { batches: 40, calls: 50 },
};

/** lazy's check times, as the app keeps them; the default interval of lazy and short (AUTH_FRESHNESS_SECONDS). */
const checkTimes = new Map<string, number>();
const INTERVAL_MS = 60_000;

export type InProcessResults = {
  /** Median µs per ensureFreshClaims call, per mode. */
  check: Partial<Record<FreshnessMode, number>>;
  /** Median µs of a request's whole auth work (decode and check, twice), per configuration name. */
  authWork: Record<string, number>;
};

/** The check alone for each mode, and the auth work of a request for each configuration. */
export async function measureInProcess(
  databaseUrl: string,
  configurations: readonly BenchConfiguration[],
): Promise<InProcessResults> {
  const modes = [...new Set(configurations.map(modeOf))];
  const db = await openDatabase({ kind: "postgres", url: databaseUrl });
  const cache = new StampCache(databaseStamps(db.prisma));
  const listener = connectListener(db, { cache }, { log: (m) => console.error(m) });
  try {
    await listener.started;
    // Only a live cache answers from memory; a dark one would measure the database.
    if (!cache.isLive) throw new Error("the stamp cache did not go live (LISTEN failed)");
    await listener.sync(); // an echo back: the listener proves it is current from here on
    const user = await db.prisma.user.findUniqueOrThrow({ where: { email: BENCH_USER.email } });
    const claims = await loadClaims(db.prisma, user.id, Date.now(), null, organizationClaims);
    if (!claims) throw new Error(`no claims for ${BENCH_USER.email}`);
    const token = withClaims({ authAt: Date.now() }, claims);
    const deps = (mode: FreshnessMode): FreshnessDeps => ({
      mode,
      now: Date.now(),
      lifetimeSeconds: DEFAULT_SESSION_LIFETIME_SECONDS,
      intervalMs: INTERVAL_MS,
      checks: { lastCheck: (key) => checkTimes.get(key), checked: (key, at) => checkTimes.set(key, at) },
      stamps: mode === "cached" || mode === "reauth" ? cache : databaseStamps(db.prisma),
      loadClaims: (id, at) => loadClaims(db.prisma, id, at, null, organizationClaims),
    });

    const check: InProcessResults["check"] = {};
    for (const mode of modes) {
      const { batches, calls } = PLAN[mode];
      await timeBatches(token, () => deps(mode), Math.ceil(batches / 10), calls); // warm-up
      check[mode] = median(await timeBatches(token, () => deps(mode), batches, calls));
      console.error(`Check alone, ${mode}: ${check[mode]?.toFixed(3)} µs per call (median)`);
    }
    const authWork: Record<string, number> = {};
    const secret = randomBytes(32).toString("base64");
    for (const configuration of configurations) {
      const mode = modeOf(configuration);
      const memo = tokenMemoOf(configuration);
      const { batches, calls } = PLAN[memo || mode === "strict" ? mode : "strict"];
      const work = { memo, deps: () => deps(mode) };
      authWork[configuration.name] =
        configuration.credential === "bearer"
          ? await measureBearerWork(token, () => deps(mode), { batches, requests: calls })
          : await measureAuthWork(token, secret, work, { batches, requests: calls });
      console.error(
        `Auth work, ${configuration.name}: ${authWork[configuration.name]?.toFixed(2)} µs per request`,
      );
    }
    if (cache.stats().bypassed > 0) throw new Error("the stamp cache went dark during the measurement");
    // Reads the listener could not vouch for went to the database; a few are expected on a busy machine.
    console.error(`Stamp reads sent to the database while the listener was behind: ${cache.stats().behind}`);
    return { check, authWork };
  } finally {
    await listener.stop();
    await db.close();
  }
}

/** µs per call of each batch. Every answer must be "current": anything else is not the case measured. */
async function timeBatches(
  token: AuthToken,
  deps: () => FreshnessDeps,
  batches: number,
  calls: number,
): Promise<number[]> {
  const perCall: number[] = [];
  for (let b = 0; b < batches; b++) {
    await letTheLoopRun();
    const d = deps();
    const start = process.hrtime.bigint();
    for (let i = 0; i < calls; i++) {
      const result = await ensureFreshClaims(token, d);
      if (result.kind !== "current") throw new Error(`check answered "${result.kind}", not "current"`);
    }
    perCall.push(Number(process.hrtime.bigint() - start) / 1000 / calls);
  }
  return perCall;
}
