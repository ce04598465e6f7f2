// The claims our session token carries, on top of next-auth's own fields.
// Every field is small and of fixed size whatever the user holds, so the
// cookie never grows past one chunk: role names stay out (they live in
// lib/auth/role-memo.ts), and anything added later (an active organization's
// id, say) should be an id, never a list.
import type { JWT } from "next-auth/jwt";

export type ClaimFields = {
  /** Packed permission bits (lib/permissions/pack.ts). */
  perms: string;
  /** Fingerprint of the catalogue the bits were packed against. */
  cat: string;
  /** User.permissionsUpdatedAt (ms) read in the same query as the permissions. */
  permsAt: number;
  /** The nearest expiry (ms) of a time-bound grant, or null. */
  grantExp: number | null;
};

export type AuthToken = JWT &
  ClaimFields & {
    sub: string;
    /** When this session signed in (ms); sessions older than a revocation are refused. */
    authAt: number;
  };

export function isAuthToken(token: JWT | null | undefined): token is AuthToken {
  return (
    !!token &&
    typeof token.sub === "string" &&
    typeof token.authAt === "number" &&
    typeof token.permsAt === "number" &&
    typeof token.perms === "string" &&
    typeof token.cat === "string"
  );
}
