// A hand-written database session: an opaque token in a cookie, and one
// SELECT joining the session, its user and the user's permissions on every
// request. The floor of "read the database every time".
import type { NextRequest } from "next/server";
import { handPool } from "../db";
import { decide, type Decision } from "../decision";

export const HAND_COOKIE = "hand.session";

const SESSION_PERMISSIONS = `
  SELECT coalesce(array_agg(DISTINCT rp.permission) FILTER (WHERE rp.permission IS NOT NULL), '{}') AS permissions
  FROM hand_session s
  JOIN "User" u ON u.id = s.user_id
  LEFT JOIN user_role ur ON ur.user_id = u.id
  LEFT JOIN role_permission rp ON rp.role_id = ur.role_id
  WHERE s.token = $1 AND s.expires_at > now()
  GROUP BY s.token`;

export async function handWritten(request: NextRequest): Promise<Decision> {
  const token = request.cookies.get(HAND_COOKIE)?.value;
  if (!token) return decide(null);
  const { rows } = await handPool().query<{ permissions: string[] }>(SESSION_PERMISSIONS, [token]);
  return decide(rows[0]?.permissions ?? null);
}
