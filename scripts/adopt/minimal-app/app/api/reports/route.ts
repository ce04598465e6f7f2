// A route that needs a permission: 401 signed out, 403 without reports.read,
// else the answer. The guard reads the session through the same freshness
// check as the proxy and stamps the response with X-Permissions-Updated.
import { routeGuard } from "@/lib/auth";

export const dynamic = "force-dynamic";

const withUser = routeGuard();

export const GET = withUser((_request, user) => Response.json({ allowed: true, user: user.email }), {
  permission: "reports.read",
});
