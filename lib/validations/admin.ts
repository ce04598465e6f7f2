// Input schemas for the admin dashboard, shared by its forms and its server
// actions. Field names match the form inputs, so a zod issue's path is the
// name of the field it belongs to.
import { z } from "zod";
import { PERMISSIONS } from "@/lib/permissions/catalogue";
import { emailSchema } from "./auth";

const OUT_OF_DATE = "This form is out of date; reload the page.";

const idOf = (what: string) =>
  z.string(`Choose a ${what}`).trim().min(1, `Choose a ${what}`).max(64, `Not a valid ${what}`);

const userId = idOf("user");
const roleId = idOf("role");

/** A user's version is their permissionsUpdatedAt in ms; a role's is Role.version. */
const version = z.coerce.number(OUT_OF_DATE).int(OUT_OF_DATE).nonnegative(OUT_OF_DATE);

/**
 * An optional end date from a datetime-local input. The browser sends it as
 * an ISO instant (converted from the user's local time); without JavaScript
 * the raw local value is read in the server's time zone. Empty means never.
 */
const futureDateOrNever = z
  .string()
  .trim()
  .optional()
  .transform((value, ctx) => {
    if (!value) return null;
    const at = new Date(value);
    if (Number.isNaN(at.getTime())) {
      ctx.addIssue({ code: "custom", message: "Enter a valid date and time" });
      return z.NEVER;
    }
    if (at.getTime() <= Date.now()) {
      ctx.addIssue({ code: "custom", message: "Choose a time in the future" });
      return z.NEVER;
    }
    return at;
  });

export const createUserSchema = z.object({
  email: emailSchema,
  name: z.string().trim().min(1, "Enter a name").max(100, "Use at most 100 characters"),
  password: z.string().min(8, "Use at least 8 characters").max(200, "Use at most 200 characters"),
  roleId: z
    .string()
    .trim()
    .max(64, "Not a valid role")
    .optional()
    .transform((v) => v || null),
});

export const grantRoleSchema = z.object({ userId, roleId, version, expiresAt: futureDateOrNever });
export const revokeRoleSchema = z.object({ userId, roleId, version });
export const changeExpirySchema = z.object({ userId, roleId, version, expiresAt: futureDateOrNever });
export const setUserDisabledSchema = z.object({
  userId,
  version,
  disabled: z.enum(["true", "false"], "Choose enable or disable").transform((v) => v === "true"),
});
// Signing someone out is safe to repeat and never widens access, so it needs no version.
export const revokeSessionsSchema = z.object({ userId });

const roleName = z
  .string("Enter a role name")
  .trim()
  .min(1, "Enter a role name")
  .max(50, "Use at most 50 characters")
  .regex(/^[\p{L}\p{N} ._-]+$/u, "Use letters, numbers, spaces, dots, dashes and underscores");
const roleDescription = z.string().trim().max(200, "Use at most 200 characters").default("");

export const createRoleSchema = z.object({ name: roleName, description: roleDescription });
export const updateRoleSchema = z.object({ roleId, version, name: roleName, description: roleDescription });
export const deleteRoleSchema = z.object({
  roleId,
  version,
  /** The member count the admin saw when confirming; a different count asks again. */
  members: z.coerce.number(OUT_OF_DATE).int(OUT_OF_DATE).nonnegative(OUT_OF_DATE),
});
export const setRolePermissionSchema = z.object({
  roleId,
  permission: z.enum(PERMISSIONS, "Unknown permission"),
  state: z.enum(["grant", "revoke"], "Choose grant or revoke"),
});

export type CreateUserInput = z.output<typeof createUserSchema>;
export type GrantRoleInput = z.output<typeof grantRoleSchema>;
export type RevokeRoleInput = z.output<typeof revokeRoleSchema>;
export type ChangeExpiryInput = z.output<typeof changeExpirySchema>;
export type SetUserDisabledInput = z.output<typeof setUserDisabledSchema>;
export type RevokeSessionsInput = z.output<typeof revokeSessionsSchema>;
export type CreateRoleInput = z.output<typeof createRoleSchema>;
export type UpdateRoleInput = z.output<typeof updateRoleSchema>;
export type DeleteRoleInput = z.output<typeof deleteRoleSchema>;
export type SetRolePermissionInput = z.output<typeof setRolePermissionSchema>;

// Page query strings: anything malformed falls back to the default view.
const param = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (Array.isArray(v) ? v[0] : v)?.trim() || undefined);
const cursor = param.pipe(z.string().max(400).optional()).catch(undefined);

export const userListQuerySchema = z.object({
  q: param.pipe(z.string().max(100).optional()).catch(undefined),
  role: param.pipe(z.string().max(64).optional()).catch(undefined),
  after: cursor,
  before: cursor,
});

export const auditQuerySchema = z.object({
  user: param.pipe(z.string().max(254).optional()).catch(undefined),
  actor: param.pipe(z.string().max(254).optional()).catch(undefined),
  role: param.pipe(z.string().max(64).optional()).catch(undefined),
  after: cursor,
  before: cursor,
});

export type UserListQuery = z.output<typeof userListQuerySchema>;
export type AuditQuery = z.output<typeof auditQuerySchema>;
