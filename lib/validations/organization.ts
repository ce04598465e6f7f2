// Organization slugs and names. Both travel in the session token (the active
// organization), so both are capped: the cookie never grows past one chunk.
import { z } from "zod";
import { safeText } from "./text";

export const MAX_SLUG_LENGTH = 40;
export const MAX_ORGANIZATION_NAME_LENGTH = 80;

/** Lower-case letters, digits and inner hyphens: "acme", "globex-eu". */
export const organizationSlug = z
  .string()
  .trim()
  .toLowerCase()
  .max(MAX_SLUG_LENGTH, `At most ${MAX_SLUG_LENGTH} characters`)
  .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, "Use lower-case letters, digits and hyphens");

export const organizationName = safeText("Enter a name")
  .min(1, "Enter a name")
  .max(MAX_ORGANIZATION_NAME_LENGTH, `At most ${MAX_ORGANIZATION_NAME_LENGTH} characters`);

/** PUT /api/me/organization. */
export const switchOrganizationSchema = z.object({ slug: organizationSlug }).strict();
