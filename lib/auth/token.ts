// The claims our session token carries, on top of next-auth's own fields, and
// the one place that maps them to the names the rest of the app uses. The
// token keeps short keys (it travels in a cookie on every request): `permsAt`
// is the user's permissionsUpdatedAt, `perms` the packed permissions in effect
// in the active organization, `gperms` those of global roles alone (the only
// ones that count on the platform), `cat` the catalogue fingerprint, `orgAt` the
// time of the last organization switch, `bAt` when the claims were built. Nothing outside this file reads or writes them
// by those names.
//
// Every field is small and of bounded size whatever the user holds, so the
// cookie never grows past one chunk: role names stay out (they live in
// lib/auth/role-memo.ts), and the active organization (the tenant key) is one
// organization, `org` = [id, slug, name] (slug and name are capped by
// lib/validations/organization.ts), never the list of the user's organizations.
import type { JWT } from "next-auth/jwt";
import { type Permission, PERMISSIONS } from "@/lib/permissions/catalogue";
import { unpackPermissions } from "@/lib/permissions/pack";
import type { ActiveOrganization } from "./protocol";

type ClaimFields = {
  /** Packed permission bits (lib/permissions/pack.ts): in effect in the active organization. */
  perms: string;
  /** Packed bits of the global grants. Missing (older tokens) counts as none. */
  gperms?: string;
  /** Fingerprint of the catalogue the bits were packed against. */
  cat: string;
  /** The user's permissionsUpdatedAt (ms), read in the same query as the permissions. */
  permsAt: number;
  /** The nearest expiry (ms) of a time-bound grant, or null. */
  grantExp: number | null;
  /** The active organization as [id, slug, name]; missing (tokens issued before organizations) or null means none. */
  org?: [string, string, string] | null;
  /** When the user last switched the active organization (ms); missing means at sign-in (authAt). */
  orgAt?: number;
  /** When these claims were read from the database (ms); missing (older tokens) means long ago. */
  bAt?: number;
};

export type AuthToken = JWT &
  ClaimFields & {
    sub: string;
    /** When this session signed in (ms); sessions older than a revocation are refused. */
    authAt: number;
    /** The session's row in the registry (lib/auth/session-registry.ts); absent in tokens issued before it. */
    sid?: string;
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

/** What a token's claims are built from (lib/auth/claims.ts loads them). */
export type TokenClaims = {
  userId: string;
  email: string;
  name: string;
  perms: string;
  globalPerms: string;
  cat: string;
  permissionsUpdatedAt: number;
  grantExp: number | null;
  /** Missing means none (callers that build claims without organizations). */
  organization?: ActiveOrganization | null;
};

/** The user's permissionsUpdatedAt (ms) the token's claims were built from. */
export function permissionsUpdatedAtOf(token: AuthToken): number {
  return token.permsAt;
}

/** What a token says about its user, under the app's names. */
export type TokenUser = {
  id: string;
  email: string;
  name: string;
  /** In effect in the active organization: global grants ∪ its membership grants. */
  permissions: Permission[];
  /** Global grants alone: what counts on the platform (lib/permissions/check.ts). */
  globalPermissions: Permission[];
  /** The permission stamp (ms) the claims were built from: what X-Permissions-Updated carries. */
  permissionsUpdatedAt: number;
  /** The nearest end (ms) of a time-bound grant the claims include, or null. */
  grantExp: number | null;
  /** When this session signed in (ms). */
  authAt: number;
  /** The active organization: the one whose rows this session reads, and whose membership roles count. */
  organization: ActiveOrganization | null;
  /**
   * When the user last chose the active organization (ms): a switch, else sign-in. A switch moves
   * no permission stamp, so the browser orders claims by both (lib/client/claims.ts).
   */
  organizationChosenAt: number;
  /** The session's id in the registry, when the token carries one. */
  sessionId?: string | null;
};

/** When the token's claims were built (ms); 0 for a token from before the field. */
export function claimsBuiltAtOf(token: AuthToken): number {
  return typeof token.bAt === "number" ? token.bAt : 0;
}

/** The token's active organization, or null. */
export function organizationOfToken(token: AuthToken): ActiveOrganization | null {
  const org = token.org;
  if (!Array.isArray(org) || org.length !== 3) return null;
  const [id, slug, name] = org;
  return { id, slug, name };
}

/** When the token's active organization was chosen (ms): its last switch, else its sign-in. */
export function organizationChosenAtOf(token: AuthToken): number {
  return typeof token.orgAt === "number" ? token.orgAt : token.authAt;
}

export function userOfToken(token: AuthToken): TokenUser {
  return {
    id: token.sub,
    email: token.email ?? "",
    name: token.name ?? "",
    permissions: unpackPermissions(token.perms, PERMISSIONS),
    globalPermissions: unpackPermissions(token.gperms ?? "", PERMISSIONS),
    permissionsUpdatedAt: token.permsAt,
    grantExp: token.grantExp,
    authAt: token.authAt,
    organization: organizationOfToken(token),
    organizationChosenAt: organizationChosenAtOf(token),
    sessionId: typeof token.sid === "string" ? token.sid : null,
  };
}

/** Whether two tokens carry the same claims (role names change only with these). */
export function sameClaims(a: AuthToken, b: AuthToken): boolean {
  return (
    a.permsAt === b.permsAt &&
    a.perms === b.perms &&
    a.gperms === b.gperms &&
    a.grantExp === b.grantExp &&
    JSON.stringify(organizationOfToken(a)) === JSON.stringify(organizationOfToken(b))
  );
}

/** `token` with the claims in `claims` (read at `builtAt`), keeping next-auth's own fields and the sign-in time. */
export function withClaims<T extends { sub?: string; authAt?: number }>(
  token: T,
  claims: TokenClaims,
  builtAt = Date.now(),
): Omit<T, "roles"> & AuthToken {
  // Tokens issued before role names left the token still carry them: drop them here.
  const rest: Omit<T, "roles"> & { roles?: unknown } = { ...token };
  delete rest.roles;
  return {
    ...rest,
    sub: claims.userId,
    authAt: token.authAt ?? Date.now(),
    name: claims.name,
    email: claims.email,
    perms: claims.perms,
    gperms: claims.globalPerms,
    cat: claims.cat,
    permsAt: claims.permissionsUpdatedAt,
    grantExp: claims.grantExp,
    org: claims.organization
      ? [claims.organization.id, claims.organization.slug, claims.organization.name]
      : null,
    bAt: builtAt,
  };
}
