-- Two more writers the change detection must catch.
--
-- 1. Disabling a user ends, for good, every session issued before it. A
--    disabled user's sessions were refused only while "disabledAt" stayed set:
--    enabling the user again made a cookie stolen before the disable valid
--    again. Now setting "disabledAt" also moves "sessionsRevokedAt" to this
--    moment in the same row update, whoever writes the column (the app, a
--    script, psql), so the "signed in before the revocation" rule keeps
--    refusing those sessions after the user is enabled. Only a new sign-in
--    works again.

CREATE FUNCTION "authz_disable_revokes_sessions"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."disabledAt" IS NOT NULL AND NEW."disabledAt" IS DISTINCT FROM OLD."disabledAt" THEN
    -- Never moves backwards (GREATEST ignores nulls); the database clock, in
    -- the column's precision, so a session signed in during this millisecond
    -- is refused too ("issued at or before").
    NEW."sessionsRevokedAt" := GREATEST(
      OLD."sessionsRevokedAt",
      NEW."sessionsRevokedAt",
      date_trunc('milliseconds', clock_timestamp())
    );
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER "User_disable_revokes_sessions" BEFORE UPDATE OF "disabledAt" ON "User"
  FOR EACH ROW EXECUTE FUNCTION "authz_disable_revokes_sessions"();

-- 2. TRUNCATE fires no row or DELETE triggers, so after TRUNCATE
--    "RolePermission" users kept their permissions. Statement-level AFTER
--    TRUNCATE triggers on every table that feeds claims re-stamp every user
--    (a truncated table has no rows left to tell who was affected) and
--    announce '*', so every instance forgets every cached stamp. TRUNCATE ...
--    CASCADE fires the triggers of every table it empties. Truncating
--    "RolePermission" also moves every role's version, as any change to a
--    role's permissions does.

CREATE FUNCTION "authz_table_truncated"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'RolePermission' THEN
    UPDATE "Role" SET "version" = "version" + 1;
  END IF;
  UPDATE "User" u SET "permissionsUpdatedAt" = "authz_next_stamp"(u."permissionsUpdatedAt");
  PERFORM pg_notify('authz_changes', '*');
  RETURN NULL;
END;
$$;

CREATE TRIGGER "UserRole_truncated" AFTER TRUNCATE ON "UserRole"
  FOR EACH STATEMENT EXECUTE FUNCTION "authz_table_truncated"();
CREATE TRIGGER "RolePermission_truncated" AFTER TRUNCATE ON "RolePermission"
  FOR EACH STATEMENT EXECUTE FUNCTION "authz_table_truncated"();
CREATE TRIGGER "Role_truncated" AFTER TRUNCATE ON "Role"
  FOR EACH STATEMENT EXECUTE FUNCTION "authz_table_truncated"();
-- Nobody is left to re-stamp, but every instance must forget the stamps it cached.
CREATE TRIGGER "User_truncated" AFTER TRUNCATE ON "User"
  FOR EACH STATEMENT EXECUTE FUNCTION "authz_table_truncated"();
