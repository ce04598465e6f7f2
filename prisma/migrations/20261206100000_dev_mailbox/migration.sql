-- The dev mailbox (lib/mail/dev-mailbox.ts): where mail goes when no SMTP
-- server is configured outside production. Kept in the app's database, not in
-- memory, so that a test process or a second instance reads what the server
-- sent, and so that /dev/mailbox shows it after a restart. Only the newest
-- messages are kept (the sender deletes older ones); createdAt orders them.
CREATE TABLE "DevMail" (
    "id" TEXT NOT NULL DEFAULT (gen_random_uuid())::text,
    "to" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT clock_timestamp(),

    CONSTRAINT "DevMail_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "DevMail_createdAt_idx" ON "DevMail"("createdAt" DESC);
