"use server";

// Server actions of the roles pages: adminAction (session, fresh
// roles.manage, zod), then lib/admin's role changes in one transaction.
import { adminAction } from "@/lib/actions";
import * as admin from "@/lib/admin";
import {
  createRoleSchema,
  deleteRoleSchema,
  setRolePermissionSchema,
  updateRoleSchema,
} from "@/lib/validations/admin";

export const createRole = adminAction({
  permission: "roles.manage",
  schema: createRoleSchema,
  change: admin.createRole,
});

export const updateRole = adminAction({
  permission: "roles.manage",
  schema: updateRoleSchema,
  change: admin.updateRole,
});

export const deleteRole = adminAction({
  permission: "roles.manage",
  schema: deleteRoleSchema,
  change: admin.deleteRole,
  // The role's own page is gone: land on the list, which confirms the deletion.
  redirectTo: () => "/admin/roles?deleted=1",
});

export const setRolePermission = adminAction({
  permission: "roles.manage",
  schema: setRolePermissionSchema,
  change: admin.setRolePermission,
});
