-- Audit log of every change made through the app, written in the same
-- transaction as the change. No foreign keys: entries outlive the users and
-- roles they describe. userId / roleId name the user or role concerned, for
-- filtering; the labels keep a readable name after a deletion.
CREATE TABLE "AuditEvent" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT,
    "actorEmail" TEXT,
    "action" TEXT NOT NULL,
    "targetType" TEXT NOT NULL,
    "targetId" TEXT NOT NULL,
    "targetLabel" TEXT NOT NULL,
    "userId" TEXT,
    "roleId" TEXT,
    "before" JSONB,
    "after" JSONB,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "AuditEvent_at_id_idx" ON "AuditEvent"("at" DESC, "id" DESC);
CREATE INDEX "AuditEvent_actorId_at_idx" ON "AuditEvent"("actorId", "at" DESC);
CREATE INDEX "AuditEvent_userId_at_idx" ON "AuditEvent"("userId", "at" DESC);
CREATE INDEX "AuditEvent_roleId_at_idx" ON "AuditEvent"("roleId", "at" DESC);

-- Optimistic concurrency for role edits: the version moves with every change
-- to the role's name, description or permissions, whoever writes it, so an
-- edit made from an older version is refused instead of overwriting.
ALTER TABLE "Role" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 1;

CREATE FUNCTION "authz_role_version_on_update"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.name IS DISTINCT FROM OLD.name OR NEW.description IS DISTINCT FROM OLD.description THEN
    NEW.version := GREATEST(NEW.version, OLD.version + 1);
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER "Role_version_on_update" BEFORE UPDATE OF "name", "description" ON "Role"
  FOR EACH ROW EXECUTE FUNCTION "authz_role_version_on_update"();

CREATE FUNCTION "authz_role_version_on_permissions"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE "Role" SET "version" = "version" + 1 WHERE id IN (SELECT "roleId" FROM new_rows);
  ELSIF TG_OP = 'DELETE' THEN
    UPDATE "Role" SET "version" = "version" + 1 WHERE id IN (SELECT "roleId" FROM old_rows);
  ELSE
    UPDATE "Role" SET "version" = "version" + 1
      WHERE id IN (SELECT "roleId" FROM old_rows UNION SELECT "roleId" FROM new_rows);
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "RolePermission_version_insert" AFTER INSERT ON "RolePermission"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "authz_role_version_on_permissions"();
CREATE TRIGGER "RolePermission_version_delete" AFTER DELETE ON "RolePermission"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "authz_role_version_on_permissions"();
CREATE TRIGGER "RolePermission_version_update" AFTER UPDATE ON "RolePermission"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "authz_role_version_on_permissions"();
