import bcrypt from "bcrypt";
import bcryptjs from "bcryptjs";
import { afterAll, afterEach, beforeAll, expect, it, vi } from "vitest";
import { hashPassword, PASSWORD_COST } from "@/lib/security/password";
import { attemptSignIn, type SignInDeps, type SignInOutcome } from "@/lib/sign-in/attempt";
import { sweepExpiredSignInLimits } from "@/lib/sign-in/limits";
import { createMigratedDatabase, describeOnBackends, type TestDatabase } from "../support/databases";
import { newId } from "../support/fixtures";

const PASSWORD = "correct horse";
const WINDOW_MS = 15 * 60_000;

await describeOnBackends("sign-in limits", (backend) => {
  let db: TestDatabase;
  let clock: number;
  let deps: SignInDeps;
  let sharedHash: string;

  beforeAll(async () => {
    db = await createMigratedDatabase(backend);
    sharedHash = await hashPassword(PASSWORD);
  });
  afterAll(() => db?.dispose());
  afterEach(() => vi.restoreAllMocks());

  // Each test gets its own clock, accounts and addresses, so tests do not share counts.
  const setUp = (limits = { account: 5, address: 50 }) => {
    clock = Date.UTC(2026, 11, 1, 10, 0, 0);
    deps = { prisma: db.prisma, limits: { ...limits, windowMs: WINDOW_MS }, now: () => clock };
  };
  let addresses = 0;
  const newAddress = () => `198.51.100.${++addresses}`;
  const newEmail = () => `${newId("u")}@example.test`;

  async function createAccount(passwordHash = sharedHash): Promise<{ id: string; email: string }> {
    const email = newEmail();
    const user = await db.prisma.user.create({ data: { email, name: "Limited", passwordHash } });
    return { id: user.id, email };
  }

  const attempt = (email: string, password: string, address: string | null): Promise<SignInOutcome> =>
    attemptSignIn(deps, { email, password }, address);

  async function failTimes(n: number, email: string, address: string | null) {
    const outcomes: string[] = [];
    for (let i = 0; i < n; i++) outcomes.push((await attempt(email, "wrong password", address)).kind);
    return outcomes;
  }

  const auditEntries = (action: string, targetId: string) =>
    db.prisma.auditEvent.findMany({ where: { action, targetId }, orderBy: { id: "asc" } });

  it("five failures lock the account: the right password is refused until the window is over", async () => {
    setUp();
    const { email } = await createAccount();
    const address = newAddress();
    expect(await failTimes(5, email, address)).toEqual(Array(5).fill("refused"));
    const limited = await attempt(email, PASSWORD, address);
    expect(limited).toEqual({ kind: "limited", retryAfterSeconds: 15 * 60 });

    // From another address too: the account is what is locked.
    clock += 10 * 60_000;
    expect(await attempt(email, PASSWORD, newAddress())).toEqual({
      kind: "limited",
      retryAfterSeconds: 5 * 60,
    });

    clock += 5 * 60_000;
    expect((await attempt(email, PASSWORD, address)).kind).toBe("signed-in");
  });

  it("other accounts and addresses are unaffected while one account is locked", async () => {
    setUp();
    const victim = await createAccount();
    const other = await createAccount();
    const address = newAddress();
    await failTimes(5, victim.email, address);
    expect((await attempt(victim.email, PASSWORD, address)).kind).toBe("limited");
    // The same address may still sign in to another account (its own limit is far off).
    expect((await attempt(other.email, PASSWORD, address)).kind).toBe("signed-in");
    expect((await attempt(other.email, "wrong password", newAddress())).kind).toBe("refused");
  });

  it("a success starts the account's count again", async () => {
    setUp();
    const { email } = await createAccount();
    const address = newAddress();
    await failTimes(4, email, address);
    expect((await attempt(email, PASSWORD, address)).kind).toBe("signed-in");
    expect(await failTimes(4, email, address)).toEqual(Array(4).fill("refused"));
    expect((await attempt(email, PASSWORD, address)).kind).toBe("signed-in");
  });

  it("one address is locked after its limit, across accounts; other addresses are not", async () => {
    setUp({ account: 5, address: 3 });
    const address = newAddress();
    const { email } = await createAccount();
    const outcomes = [
      (await attempt(newEmail(), "guess", address)).kind,
      (await attempt(newEmail(), "guess", address)).kind,
      (await attempt(newEmail(), "guess", address)).kind,
      (await attempt(email, PASSWORD, address)).kind,
    ];
    expect(outcomes).toEqual(["refused", "refused", "refused", "limited"]);
    expect((await attempt(email, PASSWORD, newAddress())).kind).toBe("signed-in");
    clock += WINDOW_MS;
    expect((await attempt(email, PASSWORD, address)).kind).toBe("signed-in");
  });

  it("a success gives back only its own failure on the address: one valid account does not reset the address's count", async () => {
    setUp({ account: 5, address: 4 });
    const address = newAddress();
    const { email } = await createAccount();
    // Guesses at other accounts, then the attacker signs in to an account of their own.
    expect(await failTimes(1, newEmail(), address)).toEqual(["refused"]);
    expect(await failTimes(1, newEmail(), address)).toEqual(["refused"]);
    expect(await failTimes(1, newEmail(), address)).toEqual(["refused"]);
    expect((await attempt(email, PASSWORD, address)).kind).toBe("signed-in");
    // The three guesses still count: the fourth reaches the limit, and the address is locked.
    expect(await failTimes(1, newEmail(), address)).toEqual(["refused"]);
    expect(await attempt(newEmail(), "guess", address)).toEqual({
      kind: "limited",
      retryAfterSeconds: WINDOW_MS / 1000,
    });
    expect((await attempt(email, PASSWORD, address)).kind, "the valid account too").toBe("limited");
    const row = await db.prisma.signInLimit.findUniqueOrThrow({ where: { key: `address:${address}` } });
    expect(row.failures).toBe(4);
  });

  it("writes one audit entry per trip, not one per refused attempt", async () => {
    setUp();
    const { id, email } = await createAccount();
    const address = newAddress();
    await failTimes(5, email, address);
    expect(await failTimes(3, email, address)).toEqual(Array(3).fill("limited"));
    const entries = await auditEntries("sign-in.limited.account", email);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      targetType: "account",
      targetLabel: email,
      userId: id,
      actorId: null,
    });
    expect(entries[0]?.after).toMatchObject({
      failedAttempts: 5,
      lastAddress: address,
      lockedUntil: new Date(clock + WINDOW_MS).toISOString(),
    });

    clock += WINDOW_MS; // a new window, a new trip
    await failTimes(5, email, address);
    expect(await auditEntries("sign-in.limited.account", email)).toHaveLength(2);
  });

  it("an address trip is audited too, once", async () => {
    setUp({ account: 5, address: 2 });
    const address = newAddress();
    await attempt(newEmail(), "guess", address);
    await attempt(newEmail(), "guess", address);
    await attempt(newEmail(), "guess", address);
    const entries = await auditEntries("sign-in.limited.address", address);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ targetType: "address", userId: null });
  });

  it("an unknown account gets the same answers, the same limit and the same hashing work", async () => {
    setUp();
    const known = await createAccount();
    const unknown = newEmail();
    const compare = vi.spyOn(bcrypt, "compare");
    const knownOutcomes = await failTimes(6, known.email, newAddress());
    const knownHashes = compare.mock.calls.length;
    compare.mockClear();
    const unknownOutcomes = await failTimes(6, unknown, newAddress());
    expect(unknownOutcomes).toEqual(knownOutcomes);
    expect(unknownOutcomes).toEqual([...Array(5).fill("refused"), "limited"]);
    expect(compare.mock.calls.length).toBe(knownHashes);
    expect(knownHashes).toBe(5); // and none while limited
    expect(await auditEntries("sign-in.limited.account", unknown)).toMatchObject([{ userId: null }]);
  });

  it("concurrent guesses cannot get past the limit while they are being hashed", async () => {
    setUp();
    const { email } = await createAccount();
    const outcomes = await Promise.all(
      Array.from({ length: 12 }, () => attempt(email, "wrong password", newAddress())),
    );
    const count = (kind: string) => outcomes.filter((o) => o.kind === kind).length;
    expect({ refused: count("refused"), limited: count("limited") }).toEqual({ refused: 5, limited: 7 });
    expect(await auditEntries("sign-in.limited.account", email)).toHaveLength(1);
  });

  it("remembers a lock for a few seconds: a flood costs no database read per attempt", async () => {
    setUp();
    const { email } = await createAccount();
    const address = newAddress();
    await failTimes(5, email, address);
    const reads = vi.spyOn(db.prisma, "$queryRaw");
    expect(await failTimes(20, email, address)).toEqual(Array(20).fill("limited"));
    expect(reads.mock.calls.length).toBe(1);
    clock += 6_000; // then it asks the database again
    expect((await attempt(email, PASSWORD, address)).kind).toBe("limited");
    expect(reads.mock.calls.length).toBe(2);
  });

  it("without a known address only the account is counted", async () => {
    setUp({ account: 5, address: 1 });
    const { email } = await createAccount();
    expect(await failTimes(2, email, null)).toEqual(["refused", "refused"]);
    expect((await attempt(email, PASSWORD, null)).kind).toBe("signed-in");
  });

  it("upgrades a bcryptjs hash of a lower cost at the next successful sign-in", async () => {
    setUp();
    const legacy = bcryptjs.hashSync(PASSWORD, 4);
    const { id, email } = await createAccount(legacy);
    expect((await attempt(email, "wrong password", newAddress())).kind).toBe("refused");
    expect((await db.prisma.user.findUniqueOrThrow({ where: { id } })).passwordHash).toBe(legacy);
    expect((await attempt(email, PASSWORD, newAddress())).kind).toBe("signed-in");
    const upgraded = (await db.prisma.user.findUniqueOrThrow({ where: { id } })).passwordHash!;
    expect(upgraded).not.toBe(legacy);
    expect(bcrypt.getRounds(upgraded)).toBe(PASSWORD_COST);
    expect(await bcryptjs.compare(PASSWORD, upgraded)).toBe(true);
    expect((await attempt(email, PASSWORD, newAddress())).kind).toBe("signed-in");
  });

  it("deletes expired rows in a sweep and keeps current ones", async () => {
    setUp();
    const expired = newEmail();
    const current = newEmail();
    await failTimes(1, expired, null);
    clock += WINDOW_MS - 1000;
    await failTimes(1, current, null);
    clock += 2000; // expired's window is over, current's is not
    const keys = () =>
      db.prisma.signInLimit.findMany({
        where: { key: { in: [`account:${expired}`, `account:${current}`] } },
      });
    expect(await keys()).toHaveLength(2);
    expect(await sweepExpiredSignInLimits(db.prisma, clock)).toBeGreaterThanOrEqual(1);
    expect((await keys()).map((r) => r.key)).toEqual([`account:${current}`]);
  });
});
