// Organization slugs and names. Both travel in the session token (the active
// organization), so both are capped: the cookie never grows past one chunk.
import { z } from "zod";
import { counter, futureDateOrNever, idOf, roleId, userId } from "./admin";
import { accountPassword, emailSchema, linkTokenSchema, personName, typedAlike } from "./auth";
import { withSample } from "./sample";
import { safeText } from "./text";

export const MAX_SLUG_LENGTH = 40;
export const MAX_ORGANIZATION_NAME_LENGTH = 80;

/** Lower-case letters, digits and inner hyphens: "acme", "globex-eu". */
export const organizationSlug = z
  .string()
  .trim()
  .toLowerCase()
  .max(MAX_SLUG_LENGTH, `At most ${MAX_SLUG_LENGTH} characters`)
  .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, "Use lower-case letters, digits and hyphens");

export const organizationName = safeText("Enter a name")
  .min(1, "Enter a name")
  .max(MAX_ORGANIZATION_NAME_LENGTH, `At most ${MAX_ORGANIZATION_NAME_LENGTH} characters`);

/** PUT /api/me/organization. */
export const switchOrganizationSchema = z.object({ slug: organizationSlug }).strict();

// The admin forms of /admin/organizations. Each carries a sample input (./sample.ts).
const organizationId = idOf("organization");

export const createOrganizationSchema = withSample(
  z.object({ slug: organizationSlug, name: organizationName }),
  () => ({ slug: "initech", name: "Initech" }),
);
export const renameOrganizationSchema = withSample(
  z.object({ organizationId, name: organizationName }),
  (f) => ({ organizationId: f.organization, name: "Acme renamed" }),
);
export const deleteOrganizationSchema = withSample(
  z.object({
    organizationId,
    /** The member count the admin saw when confirming; a different count asks again. */
    members: counter(),
  }),
  (f) => ({ organizationId: f.otherOrganization, members: 0 }),
);
export const addMemberSchema = withSample(
  z.object({ organizationId, email: emailSchema, roleId, expiresAt: futureDateOrNever }),
  (f) => ({
    organizationId: f.organization,
    email: "editor@example.com",
    roleId: f.editorRole,
    expiresAt: f.future,
  }),
);
/** On the invitee's home page; the sample names no invitation (only the signed out are refused with it). */
export const acceptInvitationSchema = withSample(z.object({ invitationId: idOf("invitation") }), () => ({
  invitationId: "no-such-invitation",
}));
export const removeMemberSchema = withSample(z.object({ organizationId, userId, roleId }), (f) => ({
  organizationId: f.organization,
  userId: f.target,
  roleId: f.viewerRole,
}));
export const changeMemberExpirySchema = withSample(
  z.object({ organizationId, userId, roleId, expiresAt: futureDateOrNever }),
  (f) => ({ organizationId: f.organization, userId: f.target, roleId: f.viewerRole, expiresAt: f.future }),
);

export const revokeInvitationSchema = withSample(
  z.object({ organizationId, invitationId: idOf("invitation") }),
  (f) => ({ organizationId: f.organization, invitationId: f.invitation }),
);
/** The invitation link's page, signed in under the invited address: one button. */
export const acceptInvitationLinkSchema = withSample(z.object({ token: linkTokenSchema }), () => ({
  token: "x".repeat(43),
}));
/** The invitation link's page without an account: the address is the invitation's, proven by its mail. */
export const createAccountFromInvitationSchema = withSample(
  z
    .object({
      token: linkTokenSchema,
      name: personName(),
      ...accountPassword(),
    })
    .refine(...typedAlike),
  () => ({
    token: "x".repeat(43),
    name: "Invitee",
    newPassword: "a new password",
    confirmPassword: "a new password",
  }),
);

export type CreateOrganizationInput = z.output<typeof createOrganizationSchema>;
export type RenameOrganizationInput = z.output<typeof renameOrganizationSchema>;
export type DeleteOrganizationInput = z.output<typeof deleteOrganizationSchema>;
export type AcceptInvitationInput = z.output<typeof acceptInvitationSchema>;
export type AddMemberInput = z.output<typeof addMemberSchema>;
export type RemoveMemberInput = z.output<typeof removeMemberSchema>;
export type ChangeMemberExpiryInput = z.output<typeof changeMemberExpirySchema>;
export type RevokeInvitationInput = z.output<typeof revokeInvitationSchema>;
