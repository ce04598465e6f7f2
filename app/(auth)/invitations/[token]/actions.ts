"use server";

import { redirect } from "next/navigation";
import { adminAction, publicAction } from "@/lib/actions";
import * as admin from "@/lib/admin";
import { env } from "@/lib/env";
import {
  acceptInvitationLinkSchema,
  createAccountFromInvitationSchema,
} from "@/lib/validations/organization";

/** Accepts the link's invitation, signed in under its address: the membership starts now, live. */
export const acceptInvitationLink = adminAction({
  permission: null, // acts on the actor's own invitation only
  schema: acceptInvitationLinkSchema,
  change: admin.acceptInvitationLink,
  redirectTo: () => "/",
});

/**
 * Creates the invited address's account from the link and joins it, in one
 * transaction (not when AUTH_SIGN_UP=closed); then the newcomer signs in.
 */
export const createAccountFromInvitation = publicAction({
  schema: createAccountFromInvitationSchema,
  async run(input) {
    await admin.createAccountFromLink(input, env().signUp);
    redirect("/sign-in?created=invitation");
  },
});
