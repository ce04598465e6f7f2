-- Change detection in the database: any write that changes a user's effective
-- permissions bumps exactly the affected users' "permissionsUpdatedAt", in the
-- same transaction, whoever writes it (the app, a script, raw SQL), and
-- announces them on the "authz_changes" channel when the transaction commits.
--
-- The stamp strictly increases per user, even for two changes within one
-- millisecond: it becomes max(now in ms, previous stamp + 1 ms). Under
-- concurrent writers PostgreSQL re-evaluates the expression against the row
-- version it finally locks, so no bump is lost.
--
-- Notification payload: "u:<id>,<id>,..." for up to 100 users, else "*"
-- (listeners forget everything they cached). Well under NOTIFY's 8000 bytes.

CREATE FUNCTION "authz_next_stamp"(previous TIMESTAMPTZ) RETURNS TIMESTAMPTZ
LANGUAGE sql VOLATILE AS $$
  SELECT GREATEST(date_trunc('milliseconds', clock_timestamp()), previous + interval '1 millisecond')
$$;

CREATE FUNCTION "authz_announce"(user_ids TEXT[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  IF user_ids IS NULL OR cardinality(user_ids) = 0 THEN
    RETURN;
  END IF;
  IF cardinality(user_ids) > 100 THEN
    PERFORM pg_notify('authz_changes', '*');
  ELSE
    PERFORM pg_notify('authz_changes', 'u:' || array_to_string(user_ids, ','));
  END IF;
END;
$$;

-- Bumps the given users in one statement and announces them.
CREATE FUNCTION "authz_bump_users"(user_ids TEXT[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  bumped TEXT[];
BEGIN
  IF user_ids IS NULL OR cardinality(user_ids) = 0 THEN
    RETURN;
  END IF;
  WITH updated AS (
    UPDATE "User" u
    SET "permissionsUpdatedAt" = "authz_next_stamp"(u."permissionsUpdatedAt")
    WHERE u.id = ANY (user_ids)
    RETURNING u.id
  )
  SELECT array_agg(id ORDER BY id) INTO bumped FROM updated;
  PERFORM "authz_announce"(bumped);
END;
$$;

-- UserRole: a grant added, removed, or its expiry (or owner) changed.
CREATE FUNCTION "authz_user_role_changed"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM "authz_bump_users"(ARRAY(SELECT DISTINCT "userId" FROM new_rows));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM "authz_bump_users"(ARRAY(SELECT DISTINCT "userId" FROM old_rows));
  ELSE
    PERFORM "authz_bump_users"(ARRAY(
      SELECT n."userId" FROM new_rows n
      LEFT JOIN old_rows o ON o."userId" = n."userId" AND o."roleId" = n."roleId"
      WHERE o."userId" IS NULL OR o."expiresAt" IS DISTINCT FROM n."expiresAt"
      UNION
      SELECT o."userId" FROM old_rows o
      LEFT JOIN new_rows n ON n."userId" = o."userId" AND n."roleId" = o."roleId"
      WHERE n."userId" IS NULL
    ));
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "UserRole_changed_insert" AFTER INSERT ON "UserRole"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "authz_user_role_changed"();
CREATE TRIGGER "UserRole_changed_delete" AFTER DELETE ON "UserRole"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "authz_user_role_changed"();
CREATE TRIGGER "UserRole_changed_update" AFTER UPDATE ON "UserRole"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "authz_user_role_changed"();

-- RolePermission: a role gained or lost a permission; every member of the
-- role is bumped in one statement.
CREATE FUNCTION "authz_role_permission_changed"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM "authz_bump_users"(ARRAY(
      SELECT DISTINCT ur."userId" FROM "UserRole" ur WHERE ur."roleId" IN (SELECT "roleId" FROM new_rows)));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM "authz_bump_users"(ARRAY(
      SELECT DISTINCT ur."userId" FROM "UserRole" ur WHERE ur."roleId" IN (SELECT "roleId" FROM old_rows)));
  ELSE
    PERFORM "authz_bump_users"(ARRAY(
      SELECT DISTINCT ur."userId" FROM "UserRole" ur
      WHERE ur."roleId" IN (SELECT "roleId" FROM old_rows UNION SELECT "roleId" FROM new_rows)));
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "RolePermission_changed_insert" AFTER INSERT ON "RolePermission"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "authz_role_permission_changed"();
CREATE TRIGGER "RolePermission_changed_delete" AFTER DELETE ON "RolePermission"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "authz_role_permission_changed"();
CREATE TRIGGER "RolePermission_changed_update" AFTER UPDATE ON "RolePermission"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "authz_role_permission_changed"();

-- Role: renamed (role names travel in the token) or deleted. Deleting a role
-- cascades to its UserRole rows, whose trigger bumps the members; this one
-- covers the rename.
CREATE FUNCTION "authz_role_renamed"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "authz_bump_users"(ARRAY(
    SELECT DISTINCT ur."userId" FROM "UserRole" ur
    JOIN old_rows o ON o.id = ur."roleId"
    JOIN new_rows n ON n.id = o.id
    WHERE n.name IS DISTINCT FROM o.name));
  RETURN NULL;
END;
$$;

CREATE TRIGGER "Role_renamed" AFTER UPDATE ON "Role"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "authz_role_renamed"();

-- User: disabled, re-enabled, or signed out everywhere. Bumped in the same
-- row update, so the stamp and the revocation commit together.
CREATE FUNCTION "authz_user_access_changed"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."disabledAt" IS DISTINCT FROM OLD."disabledAt"
     OR NEW."sessionsRevokedAt" IS DISTINCT FROM OLD."sessionsRevokedAt" THEN
    NEW."permissionsUpdatedAt" := "authz_next_stamp"(GREATEST(OLD."permissionsUpdatedAt", NEW."permissionsUpdatedAt"));
    PERFORM "authz_announce"(ARRAY[NEW.id]);
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER "User_access_changed" BEFORE UPDATE OF "disabledAt", "sessionsRevokedAt" ON "User"
  FOR EACH ROW EXECUTE FUNCTION "authz_user_access_changed"();

-- User deleted: listeners must forget the cached stamp.
CREATE FUNCTION "authz_user_deleted"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "authz_announce"(ARRAY(SELECT id FROM old_rows));
  RETURN NULL;
END;
$$;

CREATE TRIGGER "User_deleted" AFTER DELETE ON "User"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "authz_user_deleted"();
