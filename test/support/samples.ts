// A valid input for every action's schema, so that the authorization,
// hostile-input and validation tables (./action-samples.ts) can start each
// action from one: they find it from the action itself (action → its schema,
// inputSchemaOf → its sample here) and fill it in from their fixture. An action
// whose schema has no sample here fails them. Test data only: it lives here,
// not beside the schemas in lib/validations.
import type { z } from "zod";
import {
  changeExpirySchema,
  createRoleSchema,
  createUserSchema,
  deleteRoleSchema,
  endUserSessionSchema,
  grantRoleSchema,
  revokeRoleSchema,
  revokeSessionsSchema,
  setRolePermissionSchema,
  setUserDisabledSchema,
  signOutEverywhereSchema,
  updateRoleSchema,
} from "@/lib/validations/admin";
import {
  changePasswordSchema,
  confirmSignUpSchema,
  forgotPasswordSchema,
  resetPasswordSchema,
  signUpSchema,
  updateProfileSchema,
} from "@/lib/validations/auth";
import {
  acceptInvitationLinkSchema,
  acceptInvitationSchema,
  addMemberSchema,
  changeMemberExpirySchema,
  createAccountFromInvitationSchema,
  createOrganizationSchema,
  deleteOrganizationSchema,
  removeMemberSchema,
  renameOrganizationSchema,
  revokeInvitationSchema,
} from "@/lib/validations/organization";

/** What the demo data gets for the samples: a target user, spare roles and organizations (ids). */
export type SampleIds = {
  /** A Viewer who also holds Spare: the user that user actions act on. */
  target: string;
  viewerRole: string;
  editorRole: string;
  /** A role the target holds besides Viewer, free to rename, re-time or grant permissions to. */
  spareRole: string;
  /** A role nobody holds, free to delete. */
  doomedRole: string;
  /** An organization (acme) the target is a Viewer in, and one with no members, free to delete. */
  organization: string;
  otherOrganization: string;
  /** An open invitation into `organization`, free to revoke. */
  invitation: string;
};

/** The fixture a sample is written against: those ids, and what a form would carry now. */
export type SampleFixture = SampleIds & {
  /** An instant a week from now, as a form sends it. */
  future: string;
  /** What a form for this user carries now. */
  permissionsUpdatedAtOf(userId: string): Promise<number>;
  /** What a form for this role carries now. */
  versionOf(roleId: string): Promise<number>;
  /** The id of a new active session of this user (a browser signed in just now). */
  sessionOf(userId: string): Promise<string>;
};

type Field = string | number;

/** Every field of the schema's input, each filled in: a new field without a value does not compile. */
type Fill<S extends z.ZodType> = (
  fixture: SampleFixture,
) => Record<keyof z.input<S> & string, Field> | Promise<Record<keyof z.input<S> & string, Field>>;

const samples = new Map<z.ZodType, Fill<z.ZodType>>();

/** Records `fill` as a valid input of `schema`. */
function sample<S extends z.ZodType>(schema: S, fill: Fill<S>): void {
  samples.set(schema, fill as Fill<z.ZodType>);
}

/** An edit of the target user, carrying the permissionsUpdatedAt it has now, as its page would. */
const targetEdit = async (f: SampleFixture) => ({
  userId: f.target,
  permissionsUpdatedAt: await f.permissionsUpdatedAtOf(f.target),
});

// Users and roles (lib/validations/admin.ts).
sample(createUserSchema, (f) => ({
  email: "created@example.test",
  name: "Created",
  password: "long-enough",
  roleId: f.viewerRole,
}));
sample(grantRoleSchema, async (f) => ({
  ...(await targetEdit(f)),
  roleId: f.editorRole,
  expiresAt: f.future,
}));
sample(revokeRoleSchema, async (f) => ({
  ...(await targetEdit(f)),
  roleId: f.viewerRole,
}));
sample(changeExpirySchema, async (f) => ({
  ...(await targetEdit(f)),
  roleId: f.spareRole,
  expiresAt: f.future,
}));
sample(setUserDisabledSchema, async (f) => ({ ...(await targetEdit(f)), disabled: "true" }));
sample(revokeSessionsSchema, (f) => ({ userId: f.target }));
sample(endUserSessionSchema, async (f) => ({ userId: f.target, sessionId: await f.sessionOf(f.target) }));
sample(signOutEverywhereSchema, () => ({}));
sample(createRoleSchema, () => ({ name: "Auditors", description: "Read the log" }));
sample(updateRoleSchema, async (f) => ({
  roleId: f.spareRole,
  version: await f.versionOf(f.spareRole),
  name: "Spare renamed",
  description: "Renamed",
}));
sample(deleteRoleSchema, async (f) => ({
  roleId: f.doomedRole,
  version: await f.versionOf(f.doomedRole),
  members: 0,
}));
sample(setRolePermissionSchema, (f) => ({ roleId: f.spareRole, permission: "audit.read", state: "grant" }));

// The signed-in user's password, and resetting it (lib/validations/auth.ts).
sample(changePasswordSchema, () => ({
  currentPassword: "password",
  newPassword: "a new password",
  confirmPassword: "a new password",
}));
sample(forgotPasswordSchema, () => ({
  email: "someone@example.test",
}));
sample(resetPasswordSchema, () => ({
  token: "x".repeat(43),
  newPassword: "a new password",
  confirmPassword: "a new password",
}));

// Accounts: sign-up and the profile (lib/validations/auth.ts).
sample(signUpSchema, () => ({
  name: "Newcomer",
  email: "newcomer@example.test",
  newPassword: "a new password",
  confirmPassword: "a new password",
}));
sample(confirmSignUpSchema, () => ({ token: "x".repeat(43) }));
sample(updateProfileSchema, () => ({ name: "Renamed" }));

// Organizations (lib/validations/organization.ts).
sample(createOrganizationSchema, () => ({ slug: "initech", name: "Initech" }));
sample(renameOrganizationSchema, (f) => ({ organizationId: f.organization, name: "Acme renamed" }));
sample(deleteOrganizationSchema, (f) => ({ organizationId: f.otherOrganization, members: 0 }));
sample(addMemberSchema, (f) => ({
  organizationId: f.organization,
  email: "editor@example.com",
  roleId: f.editorRole,
  expiresAt: f.future,
}));
// Names no invitation: only the signed out are refused with it.
sample(acceptInvitationSchema, () => ({
  invitationId: "no-such-invitation",
}));
sample(removeMemberSchema, (f) => ({
  organizationId: f.organization,
  userId: f.target,
  roleId: f.viewerRole,
}));
sample(changeMemberExpirySchema, (f) => ({
  organizationId: f.organization,
  userId: f.target,
  roleId: f.viewerRole,
  expiresAt: f.future,
}));
sample(revokeInvitationSchema, (f) => ({ organizationId: f.organization, invitationId: f.invitation }));
// The invitation link's page: a token nobody holds (only the signed out are refused with it).
sample(acceptInvitationLinkSchema, () => ({ token: "x".repeat(43) }));
sample(createAccountFromInvitationSchema, () => ({
  token: "x".repeat(43),
  name: "Invitee",
  newPassword: "a new password",
  confirmPassword: "a new password",
}));

/** The sample of `schema`, or null when it has none. */
export function sampleOf(
  schema: z.ZodType,
): ((fixture: SampleFixture) => Promise<Record<string, Field>>) | null {
  const fill = samples.get(schema);
  return fill ? async (fixture) => fill(fixture) : null;
}
