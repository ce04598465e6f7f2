import {
  jsonError,
  PERMISSIONS_HEADER,
  PERMISSIONS_UNAVAILABLE,
  permissionsUpdatedAtOf,
  readFreshSession,
  SIGN_IN_REQUIRED,
} from "@/lib/auth";
import { liveInstance } from "@/lib/live";
import { permissionStream } from "@/lib/push";

export const dynamic = "force-dynamic";

/** Server-Sent Events: the signed-in user's permission changes, pushed as they happen. */
export async function GET(request: Request): Promise<Response> {
  let token;
  try {
    token = await readFreshSession();
    await liveInstance(); // this instance's change listener feeds the stream
  } catch {
    return jsonError(503, PERMISSIONS_UNAVAILABLE);
  }
  if (!token) return jsonError(401, SIGN_IN_REQUIRED);
  return new Response(permissionStream(token, request.signal), {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      // no-transform: compression would hold events back in its buffer.
      "Cache-Control": "no-cache, no-store, no-transform",
      "X-Accel-Buffering": "no",
      [PERMISSIONS_HEADER]: String(permissionsUpdatedAtOf(token)),
    },
  });
}
