import "server-only";
import { revalidatePath } from "next/cache";
import type { ActionState } from "@/lib/actions/state";

/**
 * After an admin change, every admin page renders fresh on its next visit,
 * and the page that sent the action comes back already updated. The affected
 * users need nothing from here: the database moved their permission stamp.
 */
export function revalidateAdmin(state: ActionState): ActionState {
  if (state.status === "success") revalidatePath("/admin", "layout");
  return state;
}
