-- A password changed by any writer (the app, a script, psql) ends every
-- session of that user signed in before it, browser and token alike: the same
-- rule as disabling (20261201110000_truncate_and_disable). In the same row
-- update that writes the new "passwordHash", "sessionsRevokedAt" moves to this
-- moment (the database clock, never backwards), so "signed in at or before the
-- revocation is refused" does the rest, and "User_revocation_ends_sessions"
-- ends their rows in the registry (refresh tokens die with them).
--
-- The permission stamp moves and is announced here too: the trigger that does
-- that for "sessionsRevokedAt" ("User_access_changed") lists its columns, and
-- a column list only sees the columns named in the UPDATE, not one a BEFORE
-- trigger wrote. Without the bump, an instance whose cached stamp still
-- matched a token would not re-check that session until its next change.
--
-- The one writer that is not a password change: a hash rewritten at a higher
-- cost for the same password at sign-in (lib/auth/sign-in.ts upgradeHash). It
-- says so for its own transaction with set_config('authz.password_rehash',
-- 'on', true), and the user's sessions go on.

CREATE FUNCTION "authz_password_change_revokes_sessions"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."passwordHash" IS DISTINCT FROM OLD."passwordHash"
     AND current_setting('authz.password_rehash', true) IS DISTINCT FROM 'on' THEN
    NEW."sessionsRevokedAt" := GREATEST(
      OLD."sessionsRevokedAt",
      NEW."sessionsRevokedAt",
      date_trunc('milliseconds', clock_timestamp())
    );
    NEW."permissionsUpdatedAt" := "authz_next_stamp"(GREATEST(OLD."permissionsUpdatedAt", NEW."permissionsUpdatedAt"));
    PERFORM "authz_announce"(ARRAY[NEW.id]);
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER "User_password_revokes_sessions" BEFORE UPDATE OF "passwordHash" ON "User"
  FOR EACH ROW EXECUTE FUNCTION "authz_password_change_revokes_sessions"();
