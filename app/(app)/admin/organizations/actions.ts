"use server";

// Server actions of the organizations pages: adminAction (session, fresh
// permission, zod), then lib/admin's organization changes in one transaction.
// Creating, renaming and deleting organizations is for platform admins
// (users.manage); members are managed by whoever manages that organization's
// members, which lib/admin/organization-authority.ts decides per organization.
import { adminAction } from "@/lib/actions";
import * as admin from "@/lib/admin";
import { mailInvitation } from "@/lib/sign-in";
import {
  addMemberSchema,
  changeMemberExpirySchema,
  createOrganizationSchema,
  deleteOrganizationSchema,
  removeMemberSchema,
  renameOrganizationSchema,
  revokeInvitationSchema,
} from "@/lib/validations/organization";

export const createOrganization = adminAction({
  permission: "users.manage",
  schema: createOrganizationSchema,
  change: admin.createOrganization,
});

export const renameOrganization = adminAction({
  permission: "users.manage",
  schema: renameOrganizationSchema,
  change: admin.renameOrganization,
});

export const deleteOrganization = adminAction({
  permission: "users.manage",
  schema: deleteOrganizationSchema,
  change: admin.deleteOrganization,
  redirectTo: () => "/admin/organizations?deleted=1",
});

/** Adds an account, or invites an address: an invitation's link is mailed after the response. */
export const addMember = adminAction({
  permission: "members.manage",
  schema: addMemberSchema,
  change: (prisma, actor, input) => admin.addMember(prisma, actor, input, mailInvitation),
});

export const revokeInvitation = adminAction({
  permission: "members.manage",
  schema: revokeInvitationSchema,
  change: admin.revokeInvitation,
});

export const changeMemberExpiry = adminAction({
  permission: "members.manage",
  schema: changeMemberExpirySchema,
  change: admin.changeMemberExpiry,
});

// Last: the samples of the other member actions act on the membership it removes.
export const removeMember = adminAction({
  permission: "members.manage",
  schema: removeMemberSchema,
  change: admin.removeMember,
});
