import { jsonError } from "@/lib/auth/api";
import { PERMISSIONS_UNAVAILABLE, SIGN_IN_REQUIRED } from "@/lib/auth/messages";
import { readFreshSession } from "@/lib/auth/current-session";
import { PERMISSIONS_HEADER } from "@/lib/auth/headers";
import { getCachedSource } from "@/lib/auth/stamp-source";
import { permissionStream } from "@/lib/push/permission-stream";
import { streamRegistry } from "@/lib/push/stream-registry";
import { tooManyStreams } from "@/lib/push/stream-refusal";

export const dynamic = "force-dynamic";

/**
 * Server-Sent Events: the signed-in user's permission changes, pushed as they
 * happen. 503 when permissions cannot be checked, 401 when signed out, 429
 * past the per-user or per-instance cap on open streams (docs/SCALING.md).
 */
export async function GET(request: Request): Promise<Response> {
  let token;
  try {
    token = await readFreshSession();
    await getCachedSource(); // this instance's change listener feeds the stream
  } catch {
    return jsonError(503, PERMISSIONS_UNAVAILABLE);
  }
  if (!token) return jsonError(401, SIGN_IN_REQUIRED);

  const slot = streamRegistry().acquire(token.sub);
  if ("refused" in slot) return tooManyStreams(slot);
  let body: ReadableStream<Uint8Array>;
  try {
    body = permissionStream(token, slot, request.signal);
  } catch (error) {
    slot.release();
    throw error;
  }
  return new Response(body, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      // no-transform: compression would hold events back in its buffer.
      "Cache-Control": "no-cache, no-store, no-transform",
      "X-Accel-Buffering": "no",
      [PERMISSIONS_HEADER]: String(token.permsAt),
    },
  });
}
