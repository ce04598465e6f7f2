"use server";

import { after } from "next/server";
import { redirect } from "next/navigation";
import { failure, publicAction, success } from "@/lib/actions";
import { tooManyAttemptsMessage } from "@/lib/auth";
import { confirmSignUp, SIGN_UP_LINK_HOURS, startSignUp } from "@/lib/sign-in";
import { confirmSignUpSchema, signUpSchema } from "@/lib/validations/auth";

/**
 * Asks for an account (AUTH_SIGN_UP=open). The answer is the same for every
 * address, taken or not; the link (or, for a taken address, a note to its
 * owner) is mailed after the response. Each request counts against the
 * sign-in limits of the address and of the client. Never echoes a password.
 */
export const requestSignUp = publicAction({
  schema: signUpSchema,
  async run({ name, email, newPassword }) {
    const outcome = await startSignUp({ name, email, password: newPassword });
    if (outcome.kind === "unavailable") return failure(outcome.message);
    if (outcome.kind === "limited") return failure(tooManyAttemptsMessage(outcome.retryAfterSeconds));
    after(() =>
      outcome
        .deliver()
        .catch((error: unknown) => console.error("[mail] a sign-up link was not sent:", error)),
    );
    return success(
      `Check your mail: we sent a link to ${email}. Open it within ${SIGN_UP_LINK_HOURS} hours to create your account.`,
    );
  },
});

/** Creates the account a sign-up link asks for; then the new user signs in. */
export const finishSignUp = publicAction({
  schema: confirmSignUpSchema,
  async run({ token }) {
    const outcome = await confirmSignUp(token);
    if (outcome.kind === "invalid")
      return failure("Nothing was created: this link has expired or was already used. Sign up again.");
    if (outcome.kind === "taken")
      return failure("This address already has an account: sign in, or reset its password.");
    redirect("/sign-in?created=1");
  },
});
