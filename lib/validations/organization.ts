// Organization slugs and names. Both travel in the session token (the active
// organization), so both are capped: the cookie never grows past one chunk.
import { z } from "zod";
import { counter, futureDateOrNever, idOf, roleId, userId } from "./admin";
import { accountPassword, emailSchema, linkTokenSchema, personName, typedAlike } from "./auth";
import { safeText } from "./text";

export const MAX_SLUG_LENGTH = 40;
export const MAX_ORGANIZATION_NAME_LENGTH = 80;

/** Lower-case letters, digits and inner hyphens: "acme", "globex-eu". */
const organizationSlug = z
  .string()
  .trim()
  .toLowerCase()
  .max(MAX_SLUG_LENGTH, `At most ${MAX_SLUG_LENGTH} characters`)
  .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, "Use lower-case letters, digits and hyphens");

const organizationName = safeText("Enter a name")
  .min(1, "Enter a name")
  .max(MAX_ORGANIZATION_NAME_LENGTH, `At most ${MAX_ORGANIZATION_NAME_LENGTH} characters`);

/** PUT /api/me/organization. */
export const switchOrganizationSchema = z.object({ slug: organizationSlug }).strict();

// The admin forms of /admin/organizations.
const organizationId = idOf("organization");

export const createOrganizationSchema = z.object({ slug: organizationSlug, name: organizationName });
export const renameOrganizationSchema = z.object({ organizationId, name: organizationName });
export const deleteOrganizationSchema = z.object({
  organizationId,
  /** The member count the admin saw when confirming; a different count asks again. */
  members: counter(),
});
export const addMemberSchema = z.object({
  organizationId,
  email: emailSchema,
  roleId,
  expiresAt: futureDateOrNever,
});
/** On the invitee's home page. */
export const acceptInvitationSchema = z.object({ invitationId: idOf("invitation") });
export const removeMemberSchema = z.object({ organizationId, userId, roleId });
export const changeMemberExpirySchema = z.object({
  organizationId,
  userId,
  roleId,
  expiresAt: futureDateOrNever,
});
export const revokeInvitationSchema = z.object({ organizationId, invitationId: idOf("invitation") });
/** The invitation link's page, signed in under the invited address: one button. */
export const acceptInvitationLinkSchema = z.object({ token: linkTokenSchema });
/** The invitation link's page without an account: the address is the invitation's, proven by its mail. */
export const createAccountFromInvitationSchema = z
  .object({ token: linkTokenSchema, name: personName(), ...accountPassword() })
  .refine(...typedAlike);

export type CreateOrganizationInput = z.output<typeof createOrganizationSchema>;
export type RenameOrganizationInput = z.output<typeof renameOrganizationSchema>;
export type DeleteOrganizationInput = z.output<typeof deleteOrganizationSchema>;
export type AcceptInvitationInput = z.output<typeof acceptInvitationSchema>;
export type AddMemberInput = z.output<typeof addMemberSchema>;
export type RemoveMemberInput = z.output<typeof removeMemberSchema>;
export type ChangeMemberExpiryInput = z.output<typeof changeMemberExpirySchema>;
export type RevokeInvitationInput = z.output<typeof revokeInvitationSchema>;
