// Token clients (a CLI, a mobile app, another service): sign in for a pair of
// tokens, and trade the refresh token for a new pair. The refresh token is
// "<session id>.<32 random bytes>", stored only as its SHA-256 and replaced on
// every use; the ones it replaced are kept (as hashes, the newest
// MAX_USED_REMEMBERED of a session), so presenting any of them again is seen as
// a reuse (a copy was stolen, or the client is confused) and ends the session.
import { createHash, randomBytes, randomUUID, timingSafeEqual } from "node:crypto";
import { getPrisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { issueAccessToken } from "./access-token";
import { loadClaims, refusalReason, type UserClaims } from "@/lib/auth/claims";
import { type HeaderSource, originOf } from "@/lib/sign-in/client-address";
import { createSession, endSession } from "@/lib/auth/session-registry";
import { lifetimeOver } from "@/lib/auth/session-cookie";
import { signInFromRequest } from "@/lib/sign-in/attempt";
import { withClaims } from "@/lib/auth/token";

type TokenPair = { accessToken: string; refreshToken: string; tokenType: "Bearer"; expiresIn: number };

export type TokenOutcome =
  | { kind: "issued"; pair: TokenPair }
  | {
      kind: "refused";
      error: "invalid_credentials" | "refresh_token_reused" | "session_ended" | "invalid_token";
    }
  | { kind: "limited"; retryAfterSeconds: number };

/** Used refresh tokens remembered per session: about 3.5 days of refreshing every 5 minutes. */
export const MAX_USED_REMEMBERED = 1000;

const REFRESH_TOKEN_SHAPE = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.[\w-]{43}$/;

const hashOf = (token: string) => createHash("sha256").update(token).digest("hex");

function newRefreshToken(sessionId: string): string {
  return `${sessionId}.${randomBytes(32).toString("base64url")}`;
}

function sameHash(a: string | null, b: string): boolean {
  return a !== null && a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

async function pairFor(claims: UserClaims, sessionId: string, authAt: number, refreshToken: string) {
  const accessToken = await issueAccessToken(withClaims({ authAt, sid: sessionId }, claims));
  const pair: TokenPair = {
    accessToken,
    refreshToken,
    tokenType: "Bearer",
    expiresIn: env().accessTokenSeconds,
  };
  return { kind: "issued", pair } as const;
}

/** POST /api/tokens: the password checked under the browser's sign-in limits, then a new token session. */
export async function signInForTokens(input: unknown, headers: HeaderSource): Promise<TokenOutcome> {
  const outcome = await signInFromRequest(input, headers);
  if (outcome.kind === "limited") return outcome;
  if (outcome.kind === "refused") return { kind: "refused", error: "invalid_credentials" };
  const prisma = await getPrisma();
  const authAt = Date.now();
  const claims = await loadClaims(prisma, outcome.user.id, authAt);
  if (!claims || refusalReason(claims, authAt)) return { kind: "refused", error: "invalid_credentials" };
  const sessionId = randomUUID();
  const refreshToken = newRefreshToken(sessionId);
  await createSession(prisma, {
    id: sessionId,
    userId: claims.userId,
    kind: "token",
    origin: originOf(headers),
    authAt,
    refreshHash: hashOf(refreshToken),
    organizationId: claims.organization?.id ?? null,
  });
  return pairFor(claims, sessionId, authAt, refreshToken);
}

type SessionRow = {
  userId: string;
  kind: string;
  createdAt: Date;
  endedAt: Date | null;
  refreshHash: string | null;
  organizationId: string | null;
};

/** POST /api/tokens/refresh: a new pair for the current refresh token; a reused one ends the session. */
export async function refreshTokens(refreshToken: string): Promise<TokenOutcome> {
  const shape = REFRESH_TOKEN_SHAPE.exec(refreshToken);
  if (!shape) return { kind: "refused", error: "invalid_token" };
  const sessionId = shape[1]!;
  const prisma = await getPrisma();
  const row: SessionRow | null = await prisma.session.findUnique({
    where: { id: sessionId },
    select: {
      userId: true,
      kind: true,
      createdAt: true,
      endedAt: true,
      refreshHash: true,
      organizationId: true,
    },
  });
  // A token this session never issued gets one answer whatever the session's
  // state (live, ended, or gone with its user): the session id is in every
  // access token, so any other answer would tell a stranger which sessions live.
  if (!row || row.kind !== "token") return { kind: "refused", error: "invalid_token" };
  const presented = hashOf(refreshToken);
  const current = sameHash(row.refreshHash, presented);
  if (!current && !(await wasTradedBy(prisma, sessionId, presented)))
    return { kind: "refused", error: "invalid_token" };
  if (row.endedAt) return { kind: "refused", error: "session_ended" };
  if (!current) return reused(prisma, row.userId, sessionId);

  const now = Date.now();
  const authAt = row.createdAt.getTime();
  // The organization the client last worked in (a switch records it); the
  // usual rule moves it elsewhere when that membership is gone.
  const claims = await loadClaims(prisma, row.userId, now, row.organizationId);
  if (!claims || refusalReason(claims, authAt) || lifetimeOver(authAt, now, env().sessionLifetimeSeconds))
    return { kind: "refused", error: "session_ended" };
  const next = newRefreshToken(sessionId);
  const rotated = await prisma.$transaction(async (tx) => {
    // Compare-and-swap: of two concurrent uses of one token, one rotates and the other is a reuse.
    const swapped = await tx.session.updateMany({
      where: { id: sessionId, refreshHash: presented, endedAt: null },
      data: {
        refreshHash: hashOf(next),
        lastSeenAt: new Date(now),
        organizationId: claims.organization?.id ?? null,
      },
    });
    if (swapped.count === 0) return false;
    await tx.usedRefreshToken.create({ data: { hash: presented, sessionId, usedAt: new Date(now) } });
    // A client refreshing in a loop must not grow the table without end.
    await tx.$executeRaw`
      DELETE FROM "UsedRefreshToken" WHERE hash IN (
        SELECT hash FROM "UsedRefreshToken" WHERE "sessionId" = ${sessionId}
        ORDER BY "usedAt" DESC, hash OFFSET ${MAX_USED_REMEMBERED}::int)`;
    return true;
  });
  if (!rotated) return reused(prisma, row.userId, sessionId);
  return pairFor(claims, sessionId, authAt, next);
}

/** Whether `hash` is a refresh token `sessionId` issued and traded (within the newest MAX_USED_REMEMBERED). */
async function wasTradedBy(prisma: PrismaClient, sessionId: string, hash: string): Promise<boolean> {
  const used = await prisma.usedRefreshToken.findUnique({ where: { hash }, select: { sessionId: true } });
  return used?.sessionId === sessionId;
}

async function reused(prisma: PrismaClient, userId: string, sessionId: string): Promise<TokenOutcome> {
  // Its access tokens go too: ending the row moves the user's stamp, and their next check sees the end.
  await endSession(prisma, userId, sessionId, "refresh_token_reused");
  return { kind: "refused", error: "refresh_token_reused" };
}
