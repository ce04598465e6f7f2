// The signed-in user's own account, as the profile page shows and edits it.
// A new name moves the user's stamp (the trigger "User_renamed"), so every
// open session of theirs carries it from its next request, like any change
// to the claims.
import "server-only";
import { type ActionState, success } from "@/lib/actions/state";
import { recordAudit } from "@/lib/audit/record";
import type { Actor } from "@/lib/auth";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { UpdateProfileInput } from "@/lib/validations/auth";
import { lockUser } from "./guards";
import { inTransaction } from "./transaction";
import { userTarget } from "./user-change";

export async function updateOwnProfile(
  prisma: PrismaClient,
  actor: Actor,
  input: UpdateProfileInput,
): Promise<ActionState> {
  return inTransaction(prisma, async (tx) => {
    const user = await lockUser(tx, actor.id, null); // null: a rename need not match a form's stamp
    if (user.name === input.name) return success("Nothing to change.");
    await tx.user.update({ where: { id: user.id }, data: { name: input.name } });
    await recordAudit(tx, actor, {
      action: "user.profile.updated",
      target: userTarget(user),
      before: { name: user.name },
      after: { name: input.name },
    });
    return success("Your name is changed, on every device you are signed in on.");
  });
}
