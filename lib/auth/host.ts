// What the core needs from the app around it, handed over once per server
// process by configureLiveClaims (ours: lib/live-claims.ts, called from
// instrumentation.ts). The core imports no database module, listener or
// organization code of its own: an app that adopts it (docs/ADOPT.md) passes
// its Prisma client here, and, when it has them, a stamp cache kept exact by a
// change listener and an extension of the claims query.
//
// Kept on globalThis (lib/process-state.ts): Next bundles instrumentation, the
// proxy and each route apart, and every bundle must see the one host.
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import type { Permission } from "@/lib/permissions/catalogue";
import { processSlot } from "@/lib/process-state";
import type { ActiveOrganization } from "./protocol";
import type { StampSource } from "./stamp-cache";

/** The app's generated Prisma client: its schema holds the core's tables (docs/ADOPT.md). */
export type { PrismaClient };

/**
 * Adds a scope to the claims (ours: organizations, lib/tenancy): a column
 * computed inside the claims statement, so it reads the same snapshot as the
 * permission stamp, and what that column grants.
 */
export type ClaimsExtension = {
  /** An SQL expression over the user row `u`, evaluated in the claims statement. */
  column(at: Date, activeOrgId: string | null): Prisma.Sql;
  /**
   * The active organization and what it adds. Of `permissions`, only those the
   * catalogue scopes to an organization ever count (./claims.ts filters).
   */
  apply(
    value: unknown,
    input: { activeOrgId: string | null; globalPermissions: readonly Permission[] },
  ): ScopeClaims;
};

export type ScopeClaims = {
  organization: ActiveOrganization | null;
  roles: string[];
  permissions: string[];
  /** ms: when a grant behind these claims ends, or null. */
  expiresAt: number | null;
};

export type LiveClaimsHost = {
  /** The app's Prisma client (opened on first use, not at import time). */
  prisma(): Promise<PrismaClient>;
  /**
   * This instance's stamp cache, for AUTH_FRESHNESS=cached and reauth. Without
   * one, those modes read the stamp from the database on every check (as strict).
   */
  stampCache?(): Promise<StampSource>;
  claimsExtension?: ClaimsExtension;
  /** Where requireUser sends a signed-out visitor (default: next-auth's own page). */
  signInPage?: string;
};

const hostSlot = processSlot<LiveClaimsHost>("liveClaimsHost");

/** Hands the core what it needs; call once per process, before the first request. */
export function configureLiveClaims(host: LiveClaimsHost): void {
  hostSlot.set(host);
}

export function liveClaimsHost(): LiveClaimsHost {
  const host = hostSlot.get();
  if (!host)
    throw new Error(
      "Live claims are not configured: call configureLiveClaims() in instrumentation.ts (docs/ADOPT.md).",
    );
  return host;
}

/** The configured claims extension, if any (loadClaims' default). */
export function configuredClaimsExtension(): ClaimsExtension | undefined {
  return hostSlot.get()?.claimsExtension;
}
