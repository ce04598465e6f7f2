// Checks an email and password against the database. Unknown email, wrong
// password and disabled account all return null, after the same hashing work.
// Callers that face the network go through attemptSignIn (./sign-in.ts),
// which adds the failed-attempt limits.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { signInSchema } from "@/lib/validations/auth";
import { hashPassword, needsRehash, verifyAgainstNothing, verifyPassword } from "./password";

export type AuthenticatedUser = { id: string; email: string; name: string };

export async function authenticate(prisma: PrismaClient, input: unknown): Promise<AuthenticatedUser | null> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const user = await prisma.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, passwordHash: true, disabledAt: true },
  });
  if (!user) return verifyAgainstNothing(password).then(() => null);
  const ok = await verifyPassword(password, user.passwordHash);
  if (!ok || user.disabledAt) return null;
  if (needsRehash(user.passwordHash)) await upgradeHash(prisma, user.id, user.passwordHash, password);
  return { id: user.id, email: user.email, name: user.name };
}

/**
 * Rewrites a weaker hash (a lower bcrypt cost) now that the password is known.
 * Only if the hash is still the one we checked: a password changed meanwhile wins.
 */
async function upgradeHash(prisma: PrismaClient, id: string, oldHash: string, password: string) {
  const passwordHash = await hashPassword(password);
  await prisma.user.updateMany({ where: { id, passwordHash: oldHash }, data: { passwordHash } });
}
