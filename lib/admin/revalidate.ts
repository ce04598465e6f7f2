import "server-only";
import { revalidatePath } from "next/cache";
import type { ActionState } from "@/lib/actions/state";
import type { Actor } from "@/lib/auth";
import { getPrisma } from "@/lib/db/client";
import type { PrismaClient } from "@/lib/generated/prisma/client";

/**
 * After an admin change, every admin page renders fresh on its next visit,
 * and the page that sent the action comes back already updated. The affected
 * users need nothing from here: the database moved their permission stamp.
 */
export function revalidateAdmin(state: ActionState): ActionState {
  if (state.status === "success") revalidatePath("/admin", "layout");
  return state;
}

/** A lib/admin change as a protectedAction's `run`: made on the app's database, then revalidated. */
export function adminChange<I>(
  change: (prisma: PrismaClient, actor: Actor, input: I) => Promise<ActionState>,
) {
  return async (input: I, actor: Actor) => revalidateAdmin(await change(await getPrisma(), actor, input));
}
