// What a signed-in user may do with their own sessions (GET and DELETE
// /api/me/sessions, the home page's list): see them, with the one making the
// request marked, and end one. Someone else's session id is answered as if it
// did not exist.
import "server-only";
import { getPrisma } from "@/lib/db/client";
import { sessionIdSchema } from "@/lib/validations/auth";
import type { OwnSession } from "@/lib/auth/protocol";
import { activeSessions, endSession } from "@/lib/auth/session-registry";
import type { CurrentUser } from "@/lib/auth/session";

/** The user's active sessions, most recently seen first; `current` marks the one of this request. */
export async function listOwnSessions(user: CurrentUser): Promise<OwnSession[]> {
  const sessions = await activeSessions(await getPrisma(), user.id);
  return sessions.map(({ id, kind, createdAt, lastSeenAt, userAgent }) => ({
    id,
    kind,
    current: id === user.sessionId,
    createdAt,
    lastSeenAt,
    userAgent,
  }));
}

/** Ends one of the user's own sessions; false when the id is not one of their active sessions. */
export async function endOwnSession(user: CurrentUser, id: unknown): Promise<boolean> {
  const parsed = sessionIdSchema.safeParse(id);
  if (!parsed.success) return false;
  return endSession(await getPrisma(), user.id, parsed.data, "signed_out");
}
