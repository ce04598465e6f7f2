"use server";

import { after } from "next/server";
import { failure, publicAction, success } from "@/lib/actions";
import { tooManyAttemptsMessage } from "@/lib/auth";
import { RESET_LINK_MINUTES, startPasswordReset } from "@/lib/sign-in";
import { forgotPasswordSchema } from "@/lib/validations/auth";

/**
 * "Forgot password?". The answer is the same for every address, known or
 * not; the account is looked up and the link mailed after the response, so
 * its timing tells nothing either. Each request counts against the sign-in
 * limits of the address and of the client.
 */
export const requestPasswordReset = publicAction({
  schema: forgotPasswordSchema,
  async run({ email }) {
    const outcome = await startPasswordReset(email);
    if (outcome.kind === "unavailable") return failure(outcome.message);
    if (outcome.kind === "limited") return failure(tooManyAttemptsMessage(outcome.retryAfterSeconds));
    after(() =>
      outcome.deliver().catch((error: unknown) => console.error("[mail] a reset link was not sent:", error)),
    );
    return success(
      `If an account exists for that address, we sent a link to it. It works once, for ${RESET_LINK_MINUTES} minutes.`,
    );
  },
});
