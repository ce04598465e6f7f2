"use server";

// Server actions of the users pages. Each goes through protectedAction
// (session, permission read from the database just now, zod), then a function
// of lib/admin that makes the change and its audit entry in one transaction.
import { redirect } from "next/navigation";
import { protectedAction } from "@/lib/actions/protected-action";
import { revalidateAdmin } from "@/lib/admin/revalidate";
import {
  createUser as create,
  revokeUserSessions,
  setUserDisabled as setDisabled,
} from "@/lib/admin/user-access";
import { changeGrantExpiry, grantUserRole, revokeUserRole } from "@/lib/admin/user-grants";
import { getPrisma } from "@/lib/db/client";
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
  run: async (input, actor) => revalidateAdmin(await create(await getPrisma(), actor, input)),
});

export const grantRole = protectedAction({
  permission: "users.manage",
  schema: grantRoleSchema,
  run: async (input, actor) => revalidateAdmin(await grantUserRole(await getPrisma(), actor, input)),
});

export const revokeRole = protectedAction({
  permission: "users.manage",
  schema: revokeRoleSchema,
  run: async (input, actor) => revalidateAdmin(await revokeUserRole(await getPrisma(), actor, input)),
});

export const changeExpiry = protectedAction({
  permission: "users.manage",
  schema: changeExpirySchema,
  run: async (input, actor) => revalidateAdmin(await changeGrantExpiry(await getPrisma(), actor, input)),
});

export const setUserDisabled = protectedAction({
  permission: "users.manage",
  schema: setUserDisabledSchema,
  run: async (input, actor) => revalidateAdmin(await setDisabled(await getPrisma(), actor, input)),
});

export const signOutUserEverywhere = protectedAction({
  permission: "users.manage",
  schema: revokeSessionsSchema,
  async run(input, actor) {
    const state = revalidateAdmin(await revokeUserSessions(await getPrisma(), actor, input));
    // Signing oneself out ends this session too: go where the next request would send us.
    if (state.status === "success" && input.userId === actor.id) redirect("/sign-in");
    return state;
  },
});
