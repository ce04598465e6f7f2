"use server";

// Server actions of the users pages. Each goes through protectedAction
// (session, permission read from the database just now, zod), then a function
// of lib/admin that makes the change and its audit entry in one transaction.
import { redirect } from "next/navigation";
import { protectedAction } from "@/lib/actions/protected-action";
import { adminChange } from "@/lib/admin/revalidate";
import {
  createUser as create,
  revokeUserSessions,
  setUserDisabled as setDisabled,
} from "@/lib/admin/user-access";
import { changeGrantExpiry, grantUserRole, revokeUserRole } from "@/lib/admin/user-grants";
import {
  changeExpirySchema,
  createUserSchema,
  grantRoleSchema,
  revokeRoleSchema,
  revokeSessionsSchema,
  setUserDisabledSchema,
} from "@/lib/validations/admin";

export const createUser = protectedAction({
  permission: "users.manage",
  schema: createUserSchema,
  run: adminChange(create),
});

export const grantRole = protectedAction({
  permission: "users.manage",
  schema: grantRoleSchema,
  run: adminChange(grantUserRole),
});

export const revokeRole = protectedAction({
  permission: "users.manage",
  schema: revokeRoleSchema,
  run: adminChange(revokeUserRole),
});

export const changeExpiry = protectedAction({
  permission: "users.manage",
  schema: changeExpirySchema,
  run: adminChange(changeGrantExpiry),
});

export const setUserDisabled = protectedAction({
  permission: "users.manage",
  schema: setUserDisabledSchema,
  run: adminChange(setDisabled),
});

export const signOutUserEverywhere = protectedAction({
  permission: "users.manage",
  schema: revokeSessionsSchema,
  async run(input, actor) {
    const state = await adminChange(revokeUserSessions)(input, actor);
    // Signing oneself out ends this session too: go where the next request would send us.
    if (state.status === "success" && input.userId === actor.id) redirect("/sign-in");
    return state;
  },
});
