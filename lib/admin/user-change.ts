// What every change to a user's roles or access does first, in this order:
// refuse self-edits, queue behind other access changes, and lock the user at
// the version the admin saw. Kept in one place so no change skips a step.
import "server-only";
import type { Actor } from "@/lib/auth/actor";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { type LockedUser, lockAccessChanges, lockUser, refuseSelf } from "./guards";
import { inTransaction, type Tx } from "./transaction";

export async function changeUser<T>(
  prisma: PrismaClient,
  actor: Actor,
  input: { userId: string; version: number },
  change: (tx: Tx, user: LockedUser) => Promise<T>,
): Promise<T> {
  refuseSelf(actor, input.userId);
  return inTransaction(prisma, async (tx) => {
    await lockAccessChanges(tx);
    return change(tx, await lockUser(tx, input.userId, input.version));
  });
}

/** The audit target of a change to this user. */
export const userTarget = (user: { id: string; email: string }) => ({
  type: "user" as const,
  id: user.id,
  label: user.email,
});
