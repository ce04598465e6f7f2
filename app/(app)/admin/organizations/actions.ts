"use server";

// Server actions of the organizations pages: adminAction (session, fresh
// permission, zod), then lib/admin's organization changes in one transaction.
// Creating, renaming and deleting organizations is for platform admins
// (users.manage); members are managed by whoever manages that organization's
// members, which lib/admin/organization-authority.ts decides per organization.
import { adminAction } from "@/lib/actions";
import {
  addMember as add,
  changeMemberExpiry as retime,
  createOrganization as create,
  deleteOrganization as remove,
  removeMember as removeOne,
  renameOrganization as rename,
} from "@/lib/admin";
import {
  addMemberSchema,
  changeMemberExpirySchema,
  createOrganizationSchema,
  deleteOrganizationSchema,
  removeMemberSchema,
  renameOrganizationSchema,
} from "@/lib/validations/organization";

export const createOrganization = adminAction({
  permission: "users.manage",
  schema: createOrganizationSchema,
  change: create,
});

export const renameOrganization = adminAction({
  permission: "users.manage",
  schema: renameOrganizationSchema,
  change: rename,
});

export const deleteOrganization = adminAction({
  permission: "users.manage",
  schema: deleteOrganizationSchema,
  change: remove,
  redirectTo: () => "/admin/organizations?deleted=1",
});

export const addMember = adminAction({
  permission: "members.manage",
  schema: addMemberSchema,
  change: add,
});

export const changeMemberExpiry = adminAction({
  permission: "members.manage",
  schema: changeMemberExpirySchema,
  change: retime,
});

// Last: the samples of the other member actions act on the membership it removes.
export const removeMember = adminAction({
  permission: "members.manage",
  schema: removeMemberSchema,
  change: removeOne,
});
