-- Organizations (tenants): roles granted per organization, and the demo
-- reports owned by one. A user's permissions in an organization are their
-- global roles ("UserRole", platform roles) together with their membership
-- roles in that organization. The session carries the active organization,
-- so every change that can change it, or what it grants, re-stamps exactly
-- the users it concerns, like the triggers of 20261122090000.

CREATE TABLE "Organization" (
  "id" TEXT NOT NULL DEFAULT gen_random_uuid()::text,
  "slug" TEXT NOT NULL,
  "name" TEXT NOT NULL,
  "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "Organization_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "Organization_slug_key" ON "Organization"("slug");

CREATE TABLE "Membership" (
  "id" TEXT NOT NULL DEFAULT gen_random_uuid()::text,
  "userId" TEXT NOT NULL,
  "organizationId" TEXT NOT NULL,
  "roleId" TEXT NOT NULL,
  "grantedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "expiresAt" TIMESTAMPTZ(3),
  CONSTRAINT "Membership_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "Membership_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE,
  CONSTRAINT "Membership_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE,
  CONSTRAINT "Membership_roleId_fkey" FOREIGN KEY ("roleId") REFERENCES "Role"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "Membership_userId_organizationId_roleId_key" ON "Membership"("userId", "organizationId", "roleId");
CREATE INDEX "Membership_organizationId_idx" ON "Membership"("organizationId");
CREATE INDEX "Membership_roleId_idx" ON "Membership"("roleId");

CREATE TABLE "Report" (
  "id" TEXT NOT NULL DEFAULT gen_random_uuid()::text,
  "organizationId" TEXT NOT NULL,
  "title" TEXT NOT NULL,
  "period" TEXT NOT NULL,
  "revenue" INTEGER NOT NULL,
  CONSTRAINT "Report_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "Report_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "Report_organizationId_idx" ON "Report"("organizationId");

-- Platform admins (a current global grant of a role holding users.manage) may
-- enter any organization without a membership, so a change to an
-- organization itself (renamed, deleted) concerns them too.
CREATE FUNCTION "authz_platform_admins"() RETURNS TEXT[]
LANGUAGE sql STABLE AS $$
  SELECT ARRAY(
    SELECT DISTINCT ur."userId" FROM "UserRole" ur
    JOIN "RolePermission" rp ON rp."roleId" = ur."roleId" AND rp.permission = 'users.manage'
    WHERE ur."expiresAt" IS NULL OR ur."expiresAt" > now())
$$;

-- Membership: added, removed, or its role, organization or expiry changed.
CREATE FUNCTION "authz_membership_changed"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM "authz_bump_users"(ARRAY(SELECT DISTINCT "userId" FROM new_rows));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM "authz_bump_users"(ARRAY(SELECT DISTINCT "userId" FROM old_rows));
  ELSE
    PERFORM "authz_bump_users"(ARRAY(
      SELECT n."userId" FROM new_rows n
      LEFT JOIN old_rows o ON o.id = n.id
      WHERE o.id IS NULL OR o."userId" IS DISTINCT FROM n."userId"
         OR o."organizationId" IS DISTINCT FROM n."organizationId"
         OR o."roleId" IS DISTINCT FROM n."roleId" OR o."expiresAt" IS DISTINCT FROM n."expiresAt"
      UNION
      SELECT o."userId" FROM old_rows o
      LEFT JOIN new_rows n ON n.id = o.id
      WHERE n.id IS NULL OR o."userId" IS DISTINCT FROM n."userId"
         OR o."organizationId" IS DISTINCT FROM n."organizationId"
         OR o."roleId" IS DISTINCT FROM n."roleId" OR o."expiresAt" IS DISTINCT FROM n."expiresAt"
    ));
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "Membership_changed_insert" AFTER INSERT ON "Membership"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "authz_membership_changed"();
CREATE TRIGGER "Membership_changed_delete" AFTER DELETE ON "Membership"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "authz_membership_changed"();
CREATE TRIGGER "Membership_changed_update" AFTER UPDATE ON "Membership"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "authz_membership_changed"();

-- Organization: renamed (slug and name travel in the token) or deleted. A
-- deletion cascades to its memberships, whose trigger re-stamps the members;
-- both re-stamp the platform admins, who may be inside without a membership.
CREATE FUNCTION "authz_organization_changed"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM "authz_bump_users"("authz_platform_admins"());
  ELSIF EXISTS (
    SELECT 1 FROM old_rows o JOIN new_rows n ON n.id = o.id
    WHERE n.slug IS DISTINCT FROM o.slug OR n.name IS DISTINCT FROM o.name
  ) THEN
    PERFORM "authz_bump_users"(ARRAY(
      SELECT m."userId" FROM "Membership" m
      JOIN old_rows o ON o.id = m."organizationId"
      JOIN new_rows n ON n.id = o.id
      WHERE n.slug IS DISTINCT FROM o.slug OR n.name IS DISTINCT FROM o.name
      UNION
      SELECT unnest("authz_platform_admins"())
    ));
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "Organization_changed_update" AFTER UPDATE ON "Organization"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "authz_organization_changed"();
CREATE TRIGGER "Organization_changed_delete" AFTER DELETE ON "Organization"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "authz_organization_changed"();

-- TRUNCATE fires no row triggers: re-stamp everyone, as for the other tables.
CREATE TRIGGER "Membership_truncated" AFTER TRUNCATE ON "Membership"
  FOR EACH STATEMENT EXECUTE FUNCTION "authz_table_truncated"();
CREATE TRIGGER "Organization_truncated" AFTER TRUNCATE ON "Organization"
  FOR EACH STATEMENT EXECUTE FUNCTION "authz_table_truncated"();

-- A role's permissions or name reach its organization members too: the two
-- role triggers now re-stamp membership holders as well as global holders.
CREATE OR REPLACE FUNCTION "authz_role_holders"(role_ids TEXT[]) RETURNS TEXT[]
LANGUAGE sql STABLE AS $$
  SELECT ARRAY(
    SELECT ur."userId" FROM "UserRole" ur WHERE ur."roleId" = ANY (role_ids)
    UNION
    SELECT m."userId" FROM "Membership" m WHERE m."roleId" = ANY (role_ids))
$$;

CREATE OR REPLACE FUNCTION "authz_role_permission_changed"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM "authz_bump_users"("authz_role_holders"(ARRAY(SELECT DISTINCT "roleId" FROM new_rows)));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM "authz_bump_users"("authz_role_holders"(ARRAY(SELECT DISTINCT "roleId" FROM old_rows)));
  ELSE
    PERFORM "authz_bump_users"("authz_role_holders"(ARRAY(
      SELECT "roleId" FROM old_rows UNION SELECT "roleId" FROM new_rows)));
  END IF;
  RETURN NULL;
END;
$$;

CREATE OR REPLACE FUNCTION "authz_role_renamed"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "authz_bump_users"("authz_role_holders"(ARRAY(
    SELECT o.id FROM old_rows o JOIN new_rows n ON n.id = o.id
    WHERE n.name IS DISTINCT FROM o.name)));
  RETURN NULL;
END;
$$;
