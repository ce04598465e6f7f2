// Credentials checked against a stubbed user table: every way to fail gives
// the same answer (null), and only a correct password of an enabled user passes.
import { describe, expect, it, vi } from "vitest";
import { authenticate } from "@/lib/sign-in/attempt";
import { hashPassword, verifyAgainstNothing, verifyPassword } from "@/lib/security/password";
import type { PrismaClient } from "@/lib/generated/prisma/client";

type Row = { id: string; email: string; name: string; passwordHash: string | null; disabledAt: Date | null };

function prismaWith(rows: Row[]) {
  const findUnique = vi.fn(
    async ({ where }: { where: { email: string } }) => rows.find((r) => r.email === where.email) ?? null,
  );
  return { prisma: { user: { findUnique } } as unknown as PrismaClient, findUnique };
}

// bcrypt (cost 10, pure JavaScript) is slow on purpose, and slower still on a busy machine.
describe("authenticate", { timeout: 60_000 }, async () => {
  const hash = await hashPassword("correct horse");
  const ada: Row = { id: "u1", email: "ada@example.test", name: "Ada", passwordHash: hash, disabledAt: null };

  it("the right password of an enabled user: the user, without the hash", async () => {
    const { prisma, findUnique } = prismaWith([ada]);
    expect(await authenticate(prisma, { email: "ada@example.test", password: "correct horse" })).toEqual({
      id: "u1",
      email: "ada@example.test",
      name: "Ada",
    });
    // Only the columns the check needs are read.
    expect(findUnique).toHaveBeenCalledWith({
      where: { email: "ada@example.test" },
      select: { id: true, email: true, name: true, passwordHash: true, disabledAt: true },
    });
  });

  it("a wrong password, an unknown email, a disabled user and bad input: null", async () => {
    const { prisma, findUnique } = prismaWith([
      ada,
      { ...ada, id: "u2", email: "off@example.test", disabledAt: new Date() },
    ]);
    expect(await authenticate(prisma, { email: "ada@example.test", password: "wrong horse" })).toBeNull();
    expect(
      await authenticate(prisma, { email: "nobody@example.test", password: "correct horse" }),
    ).toBeNull();
    expect(await authenticate(prisma, { email: "off@example.test", password: "correct horse" })).toBeNull();
    const calls = findUnique.mock.calls.length;
    expect(await authenticate(prisma, { email: "not an email", password: "x" })).toBeNull();
    expect(await authenticate(prisma, undefined)).toBeNull();
    expect(findUnique.mock.calls.length, "bad input never reaches the database").toBe(calls);
  });

  it("an account with no password (created from an identity provider) never signs in with one", async () => {
    const { prisma } = prismaWith([{ ...ada, id: "u3", email: "sso@example.test", passwordHash: null }]);
    expect(await authenticate(prisma, { email: "sso@example.test", password: "" })).toBeNull();
    expect(await authenticate(prisma, { email: "sso@example.test", password: "correct horse" })).toBeNull();
  });

  it("passwords: bcrypt hashes that verify only the same password; no user verifies nothing", async () => {
    expect(hash).toMatch(/^\$2[aby]\$10\$/);
    expect(await verifyPassword("correct horse", hash)).toBe(true);
    expect(await verifyPassword("correct horse ", hash)).toBe(false);
    expect(await verifyAgainstNothing("no such user")).toBe(false);
  });
});
