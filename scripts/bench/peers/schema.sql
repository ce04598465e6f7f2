-- The peers' database, applied by measure/bench/peers.ts to a fresh database.
--
-- Roles and permissions are shared by every peer: a role change is the same
-- statement whichever peer's user it touches (DELETE or INSERT on user_role).
-- user_role.user_id has no foreign key because the users live in two tables:
-- next-auth's "User" (next-auth peers and the hand-written session) and
-- Better Auth's ba_user.

CREATE TABLE role (
  id   text PRIMARY KEY,
  name text NOT NULL UNIQUE
);

CREATE TABLE role_permission (
  role_id    text NOT NULL REFERENCES role (id) ON DELETE CASCADE,
  permission text NOT NULL,
  PRIMARY KEY (role_id, permission)
);

CREATE TABLE user_role (
  user_id text NOT NULL,
  role_id text NOT NULL REFERENCES role (id) ON DELETE CASCADE,
  PRIMARY KEY (user_id, role_id)
);

INSERT INTO role (id, name) VALUES ('viewer', 'Viewer'), ('editor', 'Editor');
INSERT INTO role_permission (role_id, permission) VALUES
  ('viewer', 'dashboard.read'),
  ('editor', 'dashboard.read'),
  ('editor', 'reports.read');

-- next-auth 4's Prisma adapter models (prisma/schema.prisma), as its documentation gives them.
CREATE TABLE "User" (
  id              text PRIMARY KEY,
  name            text,
  email           text UNIQUE,
  "emailVerified" timestamp(3),
  image           text
);

CREATE TABLE "Account" (
  id                  text PRIMARY KEY,
  "userId"            text NOT NULL REFERENCES "User" (id) ON DELETE CASCADE,
  type                text NOT NULL,
  provider            text NOT NULL,
  "providerAccountId" text NOT NULL,
  refresh_token       text,
  access_token        text,
  expires_at          integer,
  token_type          text,
  scope               text,
  id_token            text,
  session_state       text,
  UNIQUE (provider, "providerAccountId")
);

CREATE TABLE "Session" (
  id             text PRIMARY KEY,
  "sessionToken" text NOT NULL UNIQUE,
  "userId"       text NOT NULL REFERENCES "User" (id) ON DELETE CASCADE,
  expires        timestamp(3) NOT NULL
);

CREATE TABLE "VerificationToken" (
  identifier text NOT NULL,
  token      text NOT NULL UNIQUE,
  expires    timestamp(3) NOT NULL,
  UNIQUE (identifier, token)
);

-- The hand-written database session: an opaque token, its user, its end.
CREATE TABLE hand_session (
  token      text PRIMARY KEY,
  user_id    text NOT NULL REFERENCES "User" (id) ON DELETE CASCADE,
  expires_at timestamptz NOT NULL
);

-- Better Auth 1.7's core tables (modelName ba_*), with two additional user
-- fields: `permissions`, the user's permissions as one comma-separated string
-- (the claims its cookie cache holds, like the admin plugin's `role` field),
-- and `permissionsVersion`, the per-user stamp its cookie cache version
-- function reads. A trigger keeps both in step with user_role.
CREATE TABLE ba_user (
  id                   text PRIMARY KEY,
  name                 text NOT NULL,
  email                text NOT NULL UNIQUE,
  "emailVerified"      boolean NOT NULL DEFAULT false,
  image                text,
  "createdAt"          timestamptz NOT NULL DEFAULT now(),
  "updatedAt"          timestamptz NOT NULL DEFAULT now(),
  permissions          text NOT NULL DEFAULT '',
  "permissionsVersion" integer NOT NULL DEFAULT 1
);

CREATE TABLE ba_session (
  id          text PRIMARY KEY,
  "expiresAt" timestamptz NOT NULL,
  token       text NOT NULL UNIQUE,
  "createdAt" timestamptz NOT NULL DEFAULT now(),
  "updatedAt" timestamptz NOT NULL,
  "ipAddress" text,
  "userAgent" text,
  "userId"    text NOT NULL REFERENCES ba_user (id) ON DELETE CASCADE
);
CREATE INDEX ba_session_user ON ba_session ("userId");

CREATE TABLE ba_account (
  id                      text PRIMARY KEY,
  "accountId"             text NOT NULL,
  "providerId"            text NOT NULL,
  "userId"                text NOT NULL REFERENCES ba_user (id) ON DELETE CASCADE,
  issuer                  text,
  "accessToken"           text,
  "refreshToken"          text,
  "idToken"               text,
  "accessTokenExpiresAt"  timestamptz,
  "refreshTokenExpiresAt" timestamptz,
  scope                   text,
  password                text,
  "createdAt"             timestamptz NOT NULL DEFAULT now(),
  "updatedAt"             timestamptz NOT NULL
);
CREATE INDEX ba_account_user ON ba_account ("userId");

CREATE TABLE ba_verification (
  id          text PRIMARY KEY,
  identifier  text NOT NULL,
  value       text NOT NULL,
  "expiresAt" timestamptz NOT NULL,
  "createdAt" timestamptz NOT NULL DEFAULT now(),
  "updatedAt" timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ba_verification_identifier ON ba_verification (identifier);

-- Recomputes a Better Auth user's permissions and moves its stamp, in the
-- transaction that changed its roles (the same idea as the main app's
-- permissionsUpdatedAt). Users of the other peers match no ba_user row.
CREATE FUNCTION ba_user_roles_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changed text := CASE WHEN TG_OP = 'DELETE' THEN OLD.user_id ELSE NEW.user_id END;
BEGIN
  UPDATE ba_user SET
    permissions = (
      SELECT coalesce(string_agg(DISTINCT rp.permission, ',' ORDER BY rp.permission), '')
      FROM user_role ur JOIN role_permission rp ON rp.role_id = ur.role_id
      WHERE ur.user_id = changed),
    "permissionsVersion" = "permissionsVersion" + 1
  WHERE id = changed;
  RETURN NULL;
END $$;

CREATE TRIGGER user_role_changed AFTER INSERT OR DELETE OR UPDATE ON user_role
  FOR EACH ROW EXECUTE FUNCTION ba_user_roles_changed();
