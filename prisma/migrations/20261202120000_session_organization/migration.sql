-- A token session remembers its active organization, so that a refresh
-- rebuilds the claims for the organization the client switched to (a browser
-- session keeps it in its cookie). A plain value, not a foreign key: it is
-- only a preference, which the usual rule (lib/auth/organization-choice.ts)
-- replaces when its organization or the membership is gone; and a
-- `TRUNCATE "Organization" CASCADE` must not empty the session registry.
ALTER TABLE "Session" ADD COLUMN "organizationId" TEXT;
