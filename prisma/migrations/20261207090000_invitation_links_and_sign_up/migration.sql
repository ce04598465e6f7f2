-- Invitations arrive by mail: the link carries a random token, and only its
-- SHA-256 (hex) is stored. Rows from before this change have none and stay
-- acceptable from the invitee's home page, as before.
ALTER TABLE "Invitation" ADD COLUMN "tokenHash" TEXT;
CREATE UNIQUE INDEX "Invitation_tokenHash_key" ON "Invitation"("tokenHash");

-- Open sign-up (AUTH_SIGN_UP=open, lib/sign-in/sign-up.ts): the request waits
-- here, with the chosen password already hashed, until its emailed link is
-- opened; only then is the "User" row created. An address that nobody reads
-- never becomes an account, and an unverified account never exists.
CREATE TABLE "SignUpRequest" (
    "id" TEXT NOT NULL DEFAULT (gen_random_uuid())::text,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SignUpRequest_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "SignUpRequest_tokenHash_key" ON "SignUpRequest"("tokenHash");
CREATE INDEX "SignUpRequest_email_idx" ON "SignUpRequest"("email");
CREATE INDEX "SignUpRequest_expiresAt_idx" ON "SignUpRequest"("expiresAt");

-- A user's name travels in their session's claims (every page's header shows
-- it, from the token): renaming moves the stamp like any other change to the
-- claims, whoever writes it, so open sessions carry the new name on their
-- next request. The profile page (app/(app)/profile) is one such writer.
CREATE FUNCTION "authz_user_renamed"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.name IS DISTINCT FROM OLD.name THEN
    NEW."permissionsUpdatedAt" := "authz_next_stamp"(GREATEST(OLD."permissionsUpdatedAt", NEW."permissionsUpdatedAt"));
    PERFORM "authz_announce"(ARRAY[NEW.id]);
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER "User_renamed" BEFORE UPDATE OF name ON "User"
  FOR EACH ROW EXECUTE FUNCTION "authz_user_renamed"();
