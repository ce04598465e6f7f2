"use server";

import { adminAction } from "@/lib/actions";
import { revokeUserSessions } from "@/lib/admin";
import { signOutEverywhereSchema } from "@/lib/validations/admin";

/**
 * Ends every session of the signed-in user, this one included, on each one's
 * next request: the same change an admin makes from the user's page.
 */
export const signOutEverywhere = adminAction({
  permission: null, // acts on the actor's own account only
  schema: signOutEverywhereSchema,
  change: (prisma, actor) => revokeUserSessions(prisma, actor, { userId: actor.id }),
  redirectTo: () => "/sign-in",
});
