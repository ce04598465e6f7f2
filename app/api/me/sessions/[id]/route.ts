import { jsonError } from "@/lib/auth";
import { endOwnSession, withUser } from "@/lib/sessions";

export const dynamic = "force-dynamic";

/** Ends one of the user's own sessions (its next request, on any instance, is refused); anything else is 404. */
export const DELETE = withUser<{ params: Promise<{ id: string }> }>(async (_req, user, { params }) => {
  const { id } = await params;
  if (!(await endOwnSession(user, id))) return jsonError(404, "No such session.");
  return new Response(null, { status: 204 });
});
