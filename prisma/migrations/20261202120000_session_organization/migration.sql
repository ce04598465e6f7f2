-- A token session remembers its active organization, so that a refresh
-- rebuilds the claims for the organization the client switched to (a browser
-- session keeps it in its cookie). Deleting the organization forgets it; the
-- refresh then lands the session where a new sign-in would.
ALTER TABLE "Session" ADD COLUMN "organizationId" TEXT;
ALTER TABLE "Session" ADD CONSTRAINT "Session_organizationId_fkey"
    FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE SET NULL ON UPDATE CASCADE;
CREATE INDEX "Session_organizationId_idx" ON "Session"("organizationId");
