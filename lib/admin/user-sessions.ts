// A user's sessions on their admin page: the list (browsers and token
// clients still signed in), and ending one, under the same rights over people
// as every other change to a user (./authority.ts): an admin ends sessions of
// users whose permissions they all hold, and their own. Audited.
import "server-only";
import { ActionError, type ActionState, success } from "@/lib/actions/state";
import { recordAudit } from "@/lib/audit/record";
import { type Actor, activeSessions, type SessionView } from "@/lib/auth";
import { getPrisma } from "@/lib/db/client";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { EndUserSessionInput } from "@/lib/validations/admin";
import { refuseWithoutAuthority } from "./authority";
import { lockUser } from "./guards";
import { inTransaction } from "./transaction";
import { userTarget } from "./user-change";

export type UserSession = SessionView;

/** The user's active sessions, most recently seen first (at most 50). */
export async function listUserSessions(userId: string): Promise<UserSession[]> {
  return activeSessions(await getPrisma(), userId);
}

const SESSION_GONE = "That session has already ended.";

export async function endUserSession(
  prisma: PrismaClient,
  actor: Actor,
  input: EndUserSessionInput,
): Promise<ActionState> {
  return inTransaction(prisma, async (tx) => {
    const user = await lockUser(tx, input.userId, null);
    if (user.id !== actor.id) await refuseWithoutAuthority(tx, actor, user);
    const session = await tx.session.findFirst({
      where: { id: input.sessionId, userId: user.id, endedAt: null },
      select: { id: true, kind: true, createdAt: true, userAgent: true },
    });
    if (!session) throw new ActionError(SESSION_GONE);
    const endedAt = new Date();
    await tx.session.update({ where: { id: session.id }, data: { endedAt, endReason: "ended_by_admin" } });
    await recordAudit(tx, actor, {
      action: "user.session.ended",
      target: userTarget(user),
      before: {
        session: session.id,
        kind: session.kind,
        signedInAt: session.createdAt.toISOString(),
        userAgent: session.userAgent,
      },
      after: { endedAt: endedAt.toISOString() },
    });
    return success(`That session of ${user.name} ends on its next request.`);
  });
}
