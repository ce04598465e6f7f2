// lib/admin: the admin dashboard's data. Queries for its pages (each reads the
// app's database itself, and returns DTOs with explicit columns), and the
// changes its actions make (each in one transaction with its audit entry,
// under the rules in ./guards.ts and ./authority.ts). Client components
// import ./format.ts (display helpers) and types only.
import "server-only";

export { type AuditFilter, type AuditPage, type AuditRow, listAuditEvents } from "./audit";
export { authorityRefusal, missingAuthority } from "./authority";
export * from "./format";
export { ADMIN_ROLE } from "./guards";
export { catalogueAreas, grantedByRole } from "./matrix";
// The changes, whole modules: a change added to one of them is public at once.
export * from "./role-changes";
export * from "./organization-changes";
export { acceptInvitation, type OpenInvitation, openInvitationsFor } from "./invitations";
export {
  acceptInvitationLink,
  createAccountFromLink,
  type InvitationLink,
  invitationByLink,
} from "./invitation-links";
export {
  getOrganizationDetail,
  listOrganizations,
  MAX_MEMBERS_SHOWN,
  type OrganizationDetail,
  type OrganizationInvitation,
  type OrganizationMember,
  type OrganizationSummary,
} from "./organizations";
export {
  getRoleDetail,
  grantableBy,
  membershipRoles,
  listRoleOptions,
  listRoles,
  type RoleDetail,
  type RoleMember,
  type RoleOption,
  type RoleSummary,
} from "./roles";
export * from "./user-access";
export {
  type EffectivePermission,
  getUserDetail,
  type UserDetail,
  type UserGrant,
  type UserMembership,
} from "./user-detail";
export * from "./user-grants";
export * from "./user-sessions";
export { permissionsByPlace, type Place, type PlacePermissions } from "./places";
export {
  listUsers,
  type UserGrantBadge,
  type UserMembershipBadge,
  type UserPage,
  type UserRow,
} from "./users";
export { updateOwnProfile } from "./profile";
