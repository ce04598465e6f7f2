// What every change to a user's roles or access does first, in this order:
// refuse self-edits, queue behind other access changes, lock the user as the
// admin saw them (their permissionsUpdatedAt), and refuse unless the actor holds every permission
// the user holds (read now, under the lock). Kept in one place so no change
// skips a step.
import "server-only";
import type { Actor } from "@/lib/auth";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { refuseWithoutAuthority } from "./authority";
import { type LockedUser, lockAccessChanges, lockUser, refuseSelf } from "./guards";
import { inTransaction, type Tx } from "./transaction";

export async function changeUser<T>(
  prisma: PrismaClient,
  actor: Actor,
  input: { userId: string; permissionsUpdatedAt: number },
  change: (tx: Tx, user: LockedUser) => Promise<T>,
): Promise<T> {
  refuseSelf(actor, input.userId);
  return inTransaction(prisma, async (tx) => {
    await lockAccessChanges(tx);
    const user = await lockUser(tx, input.userId, input.permissionsUpdatedAt);
    await refuseWithoutAuthority(tx, actor, user);
    return change(tx, user);
  });
}

/** The audit target of a change to this user. */
export const userTarget = (user: { id: string; email: string }) => ({
  type: "user" as const,
  id: user.id,
  label: user.email,
});
