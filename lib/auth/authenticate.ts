// Checks an email and password against the database. Unknown email, wrong
// password and disabled account all return null, after the same hashing work.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { signInSchema } from "@/lib/validations/auth";
import { verifyAgainstNothing, verifyPassword } from "./password";

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
  return { id: user.id, email: user.email, name: user.name };
}
