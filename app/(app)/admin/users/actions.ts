"use server";

// Server actions of the users pages: each one declaration, checked by
// adminAction (session, permission read from the database just now, zod),
// then made by lib/admin with its audit entry in one transaction.
import { adminAction } from "@/lib/actions";
import * as admin from "@/lib/admin";
import {
  changeExpirySchema,
  createUserSchema,
  endUserSessionSchema,
  grantRoleSchema,
  revokeRoleSchema,
  revokeSessionsSchema,
  setUserDisabledSchema,
} from "@/lib/validations/admin";

export const createUser = adminAction({
  permission: "users.manage",
  schema: createUserSchema,
  change: admin.createUser,
});

export const grantRole = adminAction({
  permission: "users.manage",
  schema: grantRoleSchema,
  change: admin.grantUserRole,
});

export const revokeRole = adminAction({
  permission: "users.manage",
  schema: revokeRoleSchema,
  change: admin.revokeUserRole,
});

export const changeExpiry = adminAction({
  permission: "users.manage",
  schema: changeExpirySchema,
  change: admin.changeGrantExpiry,
});

export const setUserDisabled = adminAction({
  permission: "users.manage",
  schema: setUserDisabledSchema,
  change: admin.setUserDisabled,
});

export const signOutUserEverywhere = adminAction({
  permission: "users.manage",
  schema: revokeSessionsSchema,
  change: admin.revokeUserSessions,
  // Signing oneself out ends this session too: go where the next request would send us.
  redirectTo: (input, actor) => (input.userId === actor.id ? "/sign-in" : null),
});

export const endUserSession = adminAction({
  permission: "users.manage",
  schema: endUserSessionSchema,
  change: admin.endUserSession,
});
