"use server";

// Server actions of the roles pages: protectedAction first (session, fresh
// roles.manage, zod), then lib/admin/role-changes in one transaction.
import { redirect } from "next/navigation";
import { protectedAction } from "@/lib/actions/protected-action";
import { adminChange } from "@/lib/admin/revalidate";
import * as roles from "@/lib/admin/role-changes";
import {
  createRoleSchema,
  deleteRoleSchema,
  setRolePermissionSchema,
  updateRoleSchema,
} from "@/lib/validations/admin";

export const createRole = protectedAction({
  permission: "roles.manage",
  schema: createRoleSchema,
  run: adminChange(roles.createRole),
});

export const updateRole = protectedAction({
  permission: "roles.manage",
  schema: updateRoleSchema,
  run: adminChange(roles.updateRole),
});

export const deleteRole = protectedAction({
  permission: "roles.manage",
  schema: deleteRoleSchema,
  async run(input, actor) {
    const state = await adminChange(roles.deleteRole)(input, actor);
    // The role's own page is gone: land on the list, which confirms the deletion.
    if (state.status === "success") redirect("/admin/roles?deleted=1");
    return state;
  },
});

export const setRolePermission = protectedAction({
  permission: "roles.manage",
  schema: setRolePermissionSchema,
  run: adminChange(roles.setRolePermission),
});
