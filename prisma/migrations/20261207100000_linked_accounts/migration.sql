-- Sign-in with an identity provider (lib/sign-in/linked-accounts.ts). An
-- "Account" links a provider's stable subject to one user; a second sign-in
-- finds the user by that link, whatever address the provider reports then.
-- A user created from a provider has no password: "passwordHash" becomes
-- nullable, and a null hash never matches a password (lib/sign-in/attempt.ts).
-- Setting a password later (a reset link) moves "sessionsRevokedAt" through
-- the trigger of 20261204130000_password_change_revokes_sessions, as any
-- password change does.
ALTER TABLE "User" ALTER COLUMN "passwordHash" DROP NOT NULL;

CREATE TABLE "Account" (
    "id" TEXT NOT NULL DEFAULT (gen_random_uuid())::text,
    "userId" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "providerAccountId" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Account_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "Account_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE UNIQUE INDEX "Account_provider_providerAccountId_key" ON "Account"("provider", "providerAccountId");
CREATE INDEX "Account_userId_idx" ON "Account"("userId");
