"use server";

import { adminAction } from "@/lib/actions";
import * as admin from "@/lib/admin";
import { acceptInvitationSchema } from "@/lib/validations/organization";

/** Accepts an invitation to the signed-in user's own address: the membership starts now. */
export const acceptInvitation = adminAction({
  permission: null, // acts on the actor's own invitations only
  schema: acceptInvitationSchema,
  change: admin.acceptInvitation,
});
