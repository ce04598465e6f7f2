// The session registry: one "Session" row per sign-in, browser or token
// client. Its id is the session id (`sid`) that the cookie's token and every
// access token carry. Ending a row moves the owner's permission stamp (a
// trigger, prisma/migrations/20261202100000_session_registry), so each of the
// owner's sessions rebuilds its claims on its next request, on every
// instance, and the rebuild asks sessionEnded: only then is this table read.
import { randomUUID } from "node:crypto";
import { sweepAtMostEvery } from "./sweep";
import { authConfig } from "./config";
import type { PrismaClient } from "@/lib/generated/prisma/client";

type SessionKind = "browser" | "token";

/** Why a session ended (Session.endReason). */
type EndReason =
  | "signed_out"
  | "ended_by_admin"
  | "revoked"
  | "refresh_token_reused"
  | "replaced"
  /** AUTH_FRESHNESS=reauth: the user's permissions changed. */
  | "permissions_changed";

/** Active sessions a user may hold; a new sign-in past it ends the one seen least recently. */
export const MAX_SESSIONS_PER_USER = 50;

/** What a sign-in says about where it came from, trimmed to fit a row. */
export type SessionOrigin = { userAgent: string | null; clientAddress: string | null };

const clip = (value: string | null, max: number) => (value ? value.slice(0, max) : null);

type NewSession = {
  userId: string;
  kind: SessionKind;
  origin: SessionOrigin;
  /** When the session signed in (ms): the token's authAt. */
  authAt: number;
  /** Token sessions: the id, chosen beforehand (the refresh token names it), and the refresh token's hash. */
  id?: string;
  refreshHash?: string;
  /** Token sessions: the active organization, which a refresh starts from. */
  organizationId?: string | null;
};

/** Creates the row of a new sign-in and returns its id; ends the oldest past MAX_SESSIONS_PER_USER. */
export async function createSession(prisma: PrismaClient, session: NewSession): Promise<string> {
  const id = session.id ?? randomUUID();
  const at = new Date(session.authAt);
  await prisma.session.create({
    data: {
      id,
      userId: session.userId,
      kind: session.kind,
      createdAt: at,
      lastSeenAt: at,
      userAgent: clip(session.origin.userAgent, 300),
      clientAddress: clip(session.origin.clientAddress, 64),
      refreshHash: session.refreshHash ?? null,
      organizationId: session.organizationId ?? null,
    },
  });
  await prisma.$executeRaw`
    UPDATE "Session" SET "endedAt" = now(), "endReason" = 'replaced'
    WHERE id IN (SELECT id FROM "Session" WHERE "userId" = ${session.userId} AND "endedAt" IS NULL
                 ORDER BY "lastSeenAt" DESC, "createdAt" DESC OFFSET ${MAX_SESSIONS_PER_USER}::int)`;
  await sweepWhenDue(prisma, session.authAt);
  return id;
}

// Rows of sessions that ended a week ago, or that are past the absolute
// lifetime (refused anyway), are deleted in small batches, at most once a
// minute per process, by whichever sign-in comes along.
const SWEEP_EVERY_MS = 60_000;
const SWEEP_BATCH = 500;
const KEEP_ENDED_MS = 7 * 24 * 60 * 60 * 1000;
const sweepWhenDue = sweepAtMostEvery(SWEEP_EVERY_MS, sweepOldSessions);

/** Deletes up to one batch of rows nobody needs any more; returns how many. */
export function sweepOldSessions(prisma: PrismaClient, now: number): Promise<number> {
  const ended = new Date(now - KEEP_ENDED_MS);
  const expired = new Date(now - authConfig().sessionLifetimeSeconds * 1000);
  return prisma.$executeRaw`
    DELETE FROM "Session" WHERE id IN (
      SELECT id FROM "Session" WHERE "endedAt" < ${ended} OR "createdAt" < ${expired} LIMIT ${SWEEP_BATCH}::int)`;
}

/** Whether the session `id` of `userId` has ended (or never existed). */
export async function sessionEnded(prisma: PrismaClient, userId: string, id: string): Promise<boolean> {
  const row = await prisma.session.findUnique({ where: { id }, select: { userId: true, endedAt: true } });
  return !row || row.userId !== userId || row.endedAt !== null;
}

/** Ends one session of `userId`; false when it is not theirs or already ended. */
export async function endSession(
  prisma: PrismaClient,
  userId: string,
  id: string,
  reason: EndReason,
): Promise<boolean> {
  const ended = await prisma.session.updateMany({
    where: { id, userId, endedAt: null },
    data: { endedAt: new Date(), endReason: reason },
  });
  return ended.count === 1;
}

/** A session as its owner (or an admin) sees it. */
export type SessionView = {
  id: string;
  kind: SessionKind;
  createdAt: string;
  lastSeenAt: string;
  userAgent: string | null;
  clientAddress: string | null;
};

/** The user's active sessions (not ended, within the absolute lifetime), most recently seen first. */
export async function activeSessions(prisma: PrismaClient, userId: string): Promise<SessionView[]> {
  const since = new Date(Date.now() - authConfig().sessionLifetimeSeconds * 1000);
  const rows = await prisma.session.findMany({
    where: { userId, endedAt: null, createdAt: { gt: since } },
    orderBy: [{ lastSeenAt: "desc" }, { createdAt: "desc" }],
    take: MAX_SESSIONS_PER_USER,
    select: { id: true, kind: true, createdAt: true, lastSeenAt: true, userAgent: true, clientAddress: true },
  });
  return rows.map((row) => ({
    ...row,
    kind: row.kind === "token" ? "token" : "browser",
    createdAt: row.createdAt.toISOString(),
    lastSeenAt: row.lastSeenAt.toISOString(),
  }));
}
