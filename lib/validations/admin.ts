// Input schemas for the admin dashboard, shared by its forms and its server
// actions. Field names match the form inputs, so a zod issue's path is the
// name of the field it belongs to. Every text goes through safeText (no
// control characters), so hostile input is a field error, never a 500.
import { z } from "zod";
import { PERMISSIONS } from "@/lib/permissions/catalogue";
import { emailSchema, newPassword, personName } from "./auth";
import { roleNameSchema } from "./role-name";
import { safeText } from "./text";

const OUT_OF_DATE = "This form is out of date; reload the page.";

export const idOf = (what: string) =>
  safeText(`Choose a ${what}`).min(1, `Choose a ${what}`).max(64, `Not a valid ${what}`);

export const userId = idOf("user");
export const roleId = idOf("role");

export const counter = () => z.coerce.number(OUT_OF_DATE).int(OUT_OF_DATE).nonnegative(OUT_OF_DATE);
/** The user's permissionsUpdatedAt (ms) the form was rendered from: user edits are refused once it moved. */
const permissionsUpdatedAt = counter();
/** The Role.version the form was rendered from. */
const version = counter();

/**
 * An optional end date from a datetime-local input. The browser sends it as
 * an ISO instant (converted from the user's local time); without JavaScript
 * the raw local value is read in the server's time zone. Empty means never.
 */
export const futureDateOrNever = safeText()
  .max(64, "Enter a valid date and time")
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
  name: personName(),
  // The rules of every chosen password: long enough, not one of the most common.
  password: newPassword("Enter a password"),
  roleId: safeText()
    .max(64, "Not a valid role")
    .optional()
    .transform((v) => v || null),
});

export const grantRoleSchema = z.object({
  userId,
  roleId,
  permissionsUpdatedAt,
  expiresAt: futureDateOrNever,
});
export const revokeRoleSchema = z.object({ userId, roleId, permissionsUpdatedAt });
export const changeExpirySchema = z.object({
  userId,
  roleId,
  permissionsUpdatedAt,
  expiresAt: futureDateOrNever,
});
export const setUserDisabledSchema = z.object({
  userId,
  permissionsUpdatedAt,
  disabled: z.enum(["true", "false"], "Choose enable or disable").transform((v) => v === "true"),
});
// Signing someone out is safe to repeat and never widens access, so it carries no permission stamp.
export const revokeSessionsSchema = z.object({ userId });
/** Ending one session of a user (their page's list of sessions). */
export const endUserSessionSchema = z.object({ userId, sessionId: z.uuid("Not a valid session") });
/** Signing oneself out everywhere: nothing to choose. */
export const signOutEverywhereSchema = z.object({});

const roleDescription = safeText().normalize("NFC").max(200, "Use at most 200 characters").default("");

export const createRoleSchema = z.object({ name: roleNameSchema, description: roleDescription });
export const updateRoleSchema = z.object({
  roleId,
  version,
  name: roleNameSchema,
  description: roleDescription,
});
export const deleteRoleSchema = z.object({
  roleId,
  version,
  /** The member count the admin saw when confirming; a different count asks again. */
  members: counter(),
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
export type EndUserSessionInput = z.output<typeof endUserSessionSchema>;
export type CreateRoleInput = z.output<typeof createRoleSchema>;
export type UpdateRoleInput = z.output<typeof updateRoleSchema>;
export type DeleteRoleInput = z.output<typeof deleteRoleSchema>;
export type SetRolePermissionInput = z.output<typeof setRolePermissionSchema>;

// Page query strings: anything malformed (control characters included) falls
// back to the default view; repeated parameters count once.
const param = (max: number) =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (Array.isArray(v) ? v[0] : v)?.trim() || undefined)
    .pipe(safeText().max(max).optional())
    .catch(undefined);
const cursor = param(400);

export const userListQuerySchema = z.object({
  q: param(100),
  role: param(64),
  after: cursor,
  before: cursor,
});

export const auditQuerySchema = z.object({
  user: param(254),
  actor: param(254),
  role: param(64),
  after: cursor,
  before: cursor,
});

export const rolesQuerySchema = z.object({ deleted: param(8) });
export const organizationsQuerySchema = z.object({ deleted: param(8) });

export type UserListQuery = z.output<typeof userListQuerySchema>;
export type AuditQuery = z.output<typeof auditQuerySchema>;

/** A user or role id in a page's URL; anything else is a page that does not exist. */
const routeIdSchema = safeText().min(1).max(64).regex(/^\S+$/u);

export function parseRouteId(raw: string): string | null {
  const parsed = routeIdSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}
