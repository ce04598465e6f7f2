// Any /api/* path no handler claims. Without this, Next renders the app's
// shell for it, which sends a signed-out caller to the sign-in page: an API
// answers JSON, signed in or not. (OPTIONS is the proxy's, see lib/sessions/cors.ts.)
import { jsonError } from "@/lib/auth";

export const dynamic = "force-dynamic";

function notFound() {
  return jsonError(404, "not_found");
}

export { notFound as DELETE, notFound as GET, notFound as PATCH, notFound as POST, notFound as PUT };
