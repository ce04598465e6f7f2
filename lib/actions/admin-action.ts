// An admin action in one declaration: protectedAction's checks (session,
// fresh permission, zod), then a change from lib/admin made on the app's
// database (in one transaction with its audit entry, refusals mapped to form
// errors), then every admin page renders fresh on its next visit. The
// affected users need nothing from here: the database moved their permission stamp.
import "server-only";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { z } from "zod";
import type { Actor } from "@/lib/auth";
import { getPrisma } from "@/lib/db/client";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Permission } from "@/lib/permissions/catalogue";
import { type ProtectedAction, protectedAction } from "./protected-action";
import type { ActionState } from "./state";

type Options<S extends z.ZodType> = {
  /** The permission needed; null only for a change to the actor's own account. */
  permission: Permission | null;
  schema: S;
  /** The change (lib/admin/*), given the app's database, who acts and the parsed input. */
  change(prisma: PrismaClient, actor: Actor, input: z.output<S>): Promise<ActionState>;
  /**
   * Where to go after a success, when the page that sent the action is gone
   * (a deleted role) or the session is (signing oneself out); null: stay.
   */
  redirectTo?(input: z.output<S>, actor: Actor): string | null;
};

export function adminAction<S extends z.ZodType>({
  permission,
  schema,
  change,
  redirectTo,
}: Options<S>): ProtectedAction {
  return protectedAction({
    permission,
    schema,
    async run(input, actor) {
      const state = await change(await getPrisma(), actor, input);
      if (state.status !== "success") return state;
      revalidatePath("/admin", "layout");
      const target = redirectTo?.(input, actor);
      if (target) redirect(target); // protectedAction waits for the change to settle first
      return state;
    },
  });
}
