"use server";

import { adminAction, failure, protectedAction, success } from "@/lib/actions";
import * as admin from "@/lib/admin";
import { SESSION_ENDED, tooManyAttemptsMessage } from "@/lib/auth";
import { changeOwnPassword } from "@/lib/sign-in";
import { signOutEverywhereSchema } from "@/lib/validations/admin";
import { changePasswordSchema, updateProfileSchema } from "@/lib/validations/auth";

/** The signed-in user's name: every open session of theirs carries the new one from its next request. */
export const updateProfile = adminAction({
  permission: null, // acts on the actor's own account only
  schema: updateProfileSchema,
  change: admin.updateOwnProfile,
});

/**
 * Ends every session of the signed-in user, this one included, on each one's
 * next request: the same change an admin makes from the user's page.
 */
export const signOutEverywhere = adminAction({
  permission: null, // acts on the actor's own account only
  schema: signOutEverywhereSchema,
  change: (prisma, actor) => admin.revokeUserSessions(prisma, actor, { userId: actor.id }),
  redirectTo: () => "/sign-in",
});

/**
 * Changes the signed-in user's password: the current one is checked under the
 * sign-in limits, and every other session of the user ends (the database
 * ends them all; this one is re-issued as a new sign-in). Never echoes a password.
 */
export const changePassword = protectedAction({
  permission: null, // acts on the actor's own account only
  schema: changePasswordSchema,
  async run(input) {
    const outcome = await changeOwnPassword(input);
    if (outcome.kind === "wrong-password")
      return failure("Nothing was changed: check the highlighted fields.", {
        currentPassword: ["That is not your current password"],
      });
    if (outcome.kind === "limited") return failure(tooManyAttemptsMessage(outcome.retryAfterSeconds));
    if (outcome.kind === "signed-out") return failure(SESSION_ENDED);
    return success("Password changed. Every other session of yours has been signed out.");
  },
});
