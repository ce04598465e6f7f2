// Role names are for display only (code checks permissions), and they do not
// travel in the session token: a user with many roles would push the cookie
// past the ~4 KB at which next-auth splits it, which nothing here reads. The
// names are remembered per process instead, filled every time claims are
// loaded (sign-in, rebuild, server action), and looked up by the user's
// permission stamp and nearest grant expiry: the two things that, between
// them, change whenever the user's role names can (a grant, a revocation, a
// rename all move the permission stamp; a grant ending moves the expiry),
// and by the active organization, whose membership roles count (switching
// moves no stamp).
import { onePerProcess, processSlot } from "@/lib/process-state";

export type RoleNameKey = {
  userId: string;
  permissionsUpdatedAt: number;
  grantExp: number | null;
  organizationId?: string | null;
};

type Entry = {
  permissionsUpdatedAt: number;
  grantExp: number | null;
  organizationId: string | null;
  roles: readonly string[];
};

export class RoleNameMemo {
  /** One entry per user: only their latest claims are ever asked for. */
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly maxEntries = 20_000) {}

  get({ userId, permissionsUpdatedAt, grantExp, organizationId = null }: RoleNameKey): string[] | null {
    const entry = this.entries.get(userId);
    if (
      !entry ||
      entry.permissionsUpdatedAt !== permissionsUpdatedAt ||
      entry.grantExp !== grantExp ||
      entry.organizationId !== organizationId
    )
      return null;
    return [...entry.roles];
  }

  remember(
    { userId, permissionsUpdatedAt, grantExp, organizationId = null }: RoleNameKey,
    roles: readonly string[],
  ): void {
    const current = this.entries.get(userId);
    // Stamps strictly increase: an overlapping read that finished late does not overwrite newer names.
    if (current && current.permissionsUpdatedAt > permissionsUpdatedAt) return;
    this.entries.delete(userId); // re-inserted last: the oldest entry is the first to go
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(userId, { permissionsUpdatedAt, grantExp, organizationId, roles: [...roles] });
  }

  get size(): number {
    return this.entries.size;
  }
}

/** One memo per process, whichever bundle asks (lib/process-state.ts). */
export function roleNameMemo(): RoleNameMemo {
  return onePerProcess(processSlot<RoleNameMemo>("roleNames"), () => new RoleNameMemo());
}
