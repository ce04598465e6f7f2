// lib/tenancy: organization-owned data, always read through the session's
// active organization (the tenant key in its claims). Pages and route
// handlers call these; none of them ever names an organization id itself.
export { listReports, MAX_REPORTS, type ReportList, type ReportRow } from "./reports";
export {
  MAX_ORGANIZATIONS,
  type OrganizationEntry,
  isPlatformAdmin,
  organizationsOf,
  type SwitchOutcome,
  switchOrganization,
} from "./organizations";
