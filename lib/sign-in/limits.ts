// Failed sign-ins counted per account (the normalised email, whether or not
// such a user exists) and per client address, in the database so that every
// instance sees the same counts. A key allows `limit` failures; the failure
// that reaches the limit locks the key for a whole window from then, during
// which every attempt (the right password too) is refused before any hashing.
// After the window the count starts again.
//
// Each attempt reserves its failure before the password is checked, so that
// concurrent guesses cannot slip past the limit while they are being hashed;
// a success gives the reservation back. Use it through attemptSignIn
// (./attempt.ts) rather than directly.
import { sweepAtMostEvery } from "@/lib/auth/sweep";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";

export type SignInLimits = { account: number; address: number; windowMs: number };

type LimitKind = "account" | "address";

/** What a sign-in is counted against; null when unknown (not an email, no address). */
export type LimitSubjects = { account: string | null; address: string | null };

/** A key that has just reached its limit (once per window): worth an audit entry. */
export type Trip = { kind: LimitKind; value: string; failures: number; until: Date };

type SignInGate =
  | { kind: "limited"; retryAfterSeconds: number }
  | { kind: "open"; succeeded(): Promise<void>; failed(): Promise<Trip[]> };

type Row = { key: string; failures: number; windowEndsAt: Date | string };

type Key = { kind: LimitKind; value: string; stored: string; limit: number };

function keysOf(subjects: LimitSubjects, limits: SignInLimits): Key[] {
  const keys: Key[] = [];
  if (subjects.account)
    keys.push({
      kind: "account",
      value: subjects.account,
      stored: `account:${subjects.account}`,
      limit: limits.account,
    });
  if (subjects.address)
    keys.push({
      kind: "address",
      value: subjects.address,
      stored: `address:${subjects.address}`,
      limit: limits.address,
    });
  return keys;
}

const instant = (ms: number) => new Date(ms).toISOString();
const secondsUntil = (end: Date | string | number, now: number) =>
  Math.max(1, Math.ceil((new Date(end).getTime() - now) / 1000));

/** Refuses while any key is locked; otherwise reserves one failure on each key. */
export async function openSignInGate(
  prisma: PrismaClient,
  limits: SignInLimits,
  subjects: LimitSubjects,
  now: number,
): Promise<SignInGate> {
  const keys = keysOf(subjects, limits);
  if (keys.length === 0) return { kind: "open", succeeded: async () => {}, failed: async () => [] };
  await sweepWhenDue(prisma, now);

  const remembered = rememberedLock(prisma, keys, now);
  if (remembered !== null) return { kind: "limited", retryAfterSeconds: secondsUntil(remembered, now) };
  // A read first: a flood against a locked key costs no writes.
  const held = await prisma.$queryRaw<Row[]>`
    SELECT key, failures, "windowEndsAt" FROM "SignInLimit"
    WHERE key IN (${Prisma.join(keys.map((k) => k.stored))}) AND "windowEndsAt" > ${instant(now)}::timestamptz`;
  const locked = held.filter((row) => row.failures >= (keys.find((k) => k.stored === row.key)?.limit ?? 0));
  if (locked.length > 0) {
    rememberLocks(prisma, locked, now);
    return limitedUntil(locked, now);
  }

  const reserved: { key: Key; row: Row }[] = [];
  for (const key of keys) reserved.push({ key, row: await reserve(prisma, key, now, limits.windowMs) });
  // Another attempt reserved the last failure first.
  const over = reserved.filter(({ key, row }) => row.failures > key.limit).map(({ row }) => row);
  if (over.length > 0) return limitedUntil(over, now);

  return {
    kind: "open",
    async succeeded() {
      for (const { key } of reserved) {
        // The account's count starts again; the address keeps its other failures.
        if (key.kind === "account")
          await prisma.$executeRaw`DELETE FROM "SignInLimit" WHERE key = ${key.stored}`;
        else
          await prisma.$executeRaw`
            UPDATE "SignInLimit" SET failures = GREATEST(failures - 1, 0) WHERE key = ${key.stored}`;
      }
    },
    async failed() {
      return reserved
        .filter(({ key, row }) => row.failures === key.limit)
        .map(({ key, row }) => ({
          kind: key.kind,
          value: key.value,
          failures: row.failures,
          until: new Date(row.windowEndsAt),
        }));
    },
  };
}

function limitedUntil(rows: Row[], now: number): SignInGate {
  return {
    kind: "limited",
    retryAfterSeconds: Math.max(...rows.map((r) => secondsUntil(r.windowEndsAt, now))),
  };
}

// Locks seen in the database are remembered in memory for a few seconds, so a
// flood against a locked key costs this instance one database read per key
// every few seconds instead of one per request. Briefly only: a lock can be
// lifted early (a correct password racing the failure that tripped it).
const REMEMBER_LOCK_MS = 5_000;
const MAX_REMEMBERED = 10_000;
const remembered = new WeakMap<PrismaClient, Map<string, { until: number; recheckAt: number }>>();

function rememberedLock(prisma: PrismaClient, keys: Key[], now: number): number | null {
  const locks = remembered.get(prisma);
  let until: number | null = null;
  for (const key of keys) {
    const lock = locks?.get(key.stored);
    if (!lock) continue;
    if (now >= lock.recheckAt) locks?.delete(key.stored);
    else until = Math.max(until ?? 0, lock.until);
  }
  return until;
}

function rememberLocks(prisma: PrismaClient, rows: Row[], now: number): void {
  let locks = remembered.get(prisma);
  if (!locks || locks.size >= MAX_REMEMBERED) remembered.set(prisma, (locks = new Map()));
  for (const row of rows) {
    const until = new Date(row.windowEndsAt).getTime();
    locks.set(row.key, { until, recheckAt: Math.min(until, now + REMEMBER_LOCK_MS) });
  }
}

/**
 * Starts the account's count again and lifts its lock, in this instance's
 * memory too (other instances forget theirs within REMEMBER_LOCK_MS): for a
 * password reset, which proved the mailbox (./password-reset.ts).
 */
export async function clearAccountLimit(prisma: PrismaClient, email: string): Promise<void> {
  const key = `account:${email}`;
  remembered.get(prisma)?.delete(key);
  await prisma.$executeRaw`DELETE FROM "SignInLimit" WHERE key = ${key}`;
}

/** One more failure on `key`; a new window when the last one is over, a full one from the failure that reaches the limit. */
async function reserve(prisma: PrismaClient, key: Key, now: number, windowMs: number): Promise<Row> {
  const at = instant(now);
  const end = instant(now + windowMs);
  const [row] = await prisma.$queryRaw<Row[]>`
    INSERT INTO "SignInLimit" (key, failures, "windowEndsAt") VALUES (${key.stored}, 1, ${end}::timestamptz)
    ON CONFLICT (key) DO UPDATE SET
      failures = CASE WHEN "SignInLimit"."windowEndsAt" <= ${at}::timestamptz THEN 1
                      ELSE "SignInLimit".failures + 1 END,
      "windowEndsAt" = CASE
        WHEN "SignInLimit"."windowEndsAt" <= ${at}::timestamptz THEN ${end}::timestamptz
        WHEN "SignInLimit".failures + 1 = ${key.limit}::int THEN ${end}::timestamptz
        ELSE "SignInLimit"."windowEndsAt" END
    RETURNING key, failures, "windowEndsAt"`;
  if (!row) throw new Error(`sign-in limit: no row returned for ${key.kind}`);
  return row;
}

// Expired rows mean nothing (a new failure starts a new window anyway); they
// are deleted in small batches, at most once a minute per process, by
// whichever sign-in comes along, through the index on windowEndsAt.
const SWEEP_EVERY_MS = 60_000;
const SWEEP_BATCH = 500;
const sweepWhenDue = sweepAtMostEvery(SWEEP_EVERY_MS, sweepExpiredSignInLimits);

/** Deletes up to one batch of expired rows; returns how many. */
export function sweepExpiredSignInLimits(prisma: PrismaClient, now: number): Promise<number> {
  return prisma.$executeRaw`
    DELETE FROM "SignInLimit" WHERE key IN (
      SELECT key FROM "SignInLimit" WHERE "windowEndsAt" <= ${instant(now)}::timestamptz LIMIT ${SWEEP_BATCH}::int)`;
}
