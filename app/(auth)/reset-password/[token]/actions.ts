"use server";

import { redirect } from "next/navigation";
import { failure, publicAction } from "@/lib/actions";
import { finishPasswordReset } from "@/lib/sign-in";
import { resetPasswordSchema } from "@/lib/validations/auth";

/** Sets a new password from a reset link; every session of the account ends. Never echoes a password. */
export const resetPassword = publicAction({
  schema: resetPasswordSchema,
  async run({ token, newPassword }) {
    const outcome = await finishPasswordReset(token, newPassword);
    if (outcome.kind === "invalid")
      return failure(
        "Nothing was changed: this link has expired, was already used, or a newer one replaced it. Ask for a new link.",
      );
    redirect("/sign-in?reset=done");
  },
});
