-- Every refresh token a token session has traded for a new pair, by hash, so
-- that presenting any of them again is seen as a reuse (a copy was stolen, or
-- the client is confused) and ends the session: not only the one just before
-- the current token, which is all "Session"."previousRefreshHash" could tell.
-- The newest 1,000 per session are kept (lib/auth/token-sessions.ts).
--
-- "sessionId" is a plain column, not a foreign key, so that `TRUNCATE
-- "Session"` (sign everyone out, from psql) keeps working without CASCADE;
-- the triggers below forget a session's tokens when its row goes, however it goes.
CREATE TABLE "UsedRefreshToken" (
    "hash" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "usedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "UsedRefreshToken_pkey" PRIMARY KEY ("hash")
);

CREATE INDEX "UsedRefreshToken_sessionId_usedAt_idx" ON "UsedRefreshToken"("sessionId", "usedAt");

INSERT INTO "UsedRefreshToken" ("hash", "sessionId")
  SELECT "previousRefreshHash", "id" FROM "Session" WHERE "previousRefreshHash" IS NOT NULL;

ALTER TABLE "Session" DROP COLUMN "previousRefreshHash";

-- Session rows deleted (signed out long ago and swept, or their user deleted).
CREATE FUNCTION "forget_used_refresh_tokens"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "UsedRefreshToken" WHERE "sessionId" IN (SELECT id FROM old_rows);
  RETURN NULL;
END;
$$;

CREATE TRIGGER "Session_deleted_forget_used_refresh_tokens" AFTER DELETE ON "Session"
  REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "forget_used_refresh_tokens"();

-- Every session row gone at once.
CREATE FUNCTION "forget_all_used_refresh_tokens"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE "UsedRefreshToken";
  RETURN NULL;
END;
$$;

CREATE TRIGGER "Session_truncated_forget_used_refresh_tokens" AFTER TRUNCATE ON "Session"
  FOR EACH STATEMENT EXECUTE FUNCTION "forget_all_used_refresh_tokens"();
