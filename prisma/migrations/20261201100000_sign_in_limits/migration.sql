-- Failed sign-ins per account and per client address (lib/auth/sign-in-limit.ts),
-- kept in the database so that every instance counts the same failures.
-- key is "account:<normalised email>" or "address:<ip or IPv6 /64>". A row
-- means nothing once windowEndsAt has passed; expired rows are deleted in
-- small batches through the index.
CREATE TABLE "SignInLimit" (
    "key" TEXT NOT NULL,
    "failures" INTEGER NOT NULL,
    "windowEndsAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SignInLimit_pkey" PRIMARY KEY ("key")
);

CREATE INDEX "SignInLimit_windowEndsAt_idx" ON "SignInLimit"("windowEndsAt");
