// The channel the database announces permission changes on, and the format
// of its payloads. The triggers (prisma/migrations) write them; the change
// listener (./change-listener.ts) reads them. An echo is the listener's own
// marker, sent to itself to check that notifications still arrive.

export const CHANGES_CHANNEL = "authz_changes";

export const ECHO_PREFIX = "echo:";

/** What a payload announces: these users changed, or anything may have (null). */
type Change = { userIds: string[] | null };

/** Parses a payload: "u:<id>,<id>" names users; "*" (or anything unexpected) means everyone. */
export function parseChangePayload(payload: string): Change {
  if (payload.startsWith("u:")) {
    const userIds = payload.slice(2).split(",").filter(Boolean);
    if (userIds.length > 0) return { userIds };
  }
  return { userIds: null }; // "*" or anything unexpected: the safe answer
}
