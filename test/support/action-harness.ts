// Runs server actions outside Next: the tests mock the session read with these
// (vi.mock), and choose who is signed in; the database is the app's through
// setAppDatabase (./app-database.ts).
import type { CurrentUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { PERMISSIONS } from "@/lib/permissions/catalogue";
import { claimsFor } from "./admin";

export const harness: { user: CurrentUser | null } = { user: null };

/**
 * For vi.mock("@/lib/auth/session", …): everything as it is, except that the
 * signed-in user is whoever signInAs chose (the guards and loadActor ask getCurrentUser).
 */
export async function sessionMock(importOriginal: () => Promise<unknown>) {
  const original = (await importOriginal()) as typeof import("@/lib/auth/session");
  return { ...original, getCurrentUser: async () => harness.user };
}

export const nextCacheMock = { revalidatePath: () => undefined };

/** Signs in as the user with this email (as a fresh session would), or signs out with null. */
export async function signInAs(email: string | null): Promise<CurrentUser | null> {
  if (!email) return (harness.user = null);
  const claims = await claimsFor(await getDb(), email);
  const authAt = Date.now();
  harness.user = {
    id: claims.userId,
    email: claims.email,
    name: claims.name,
    permissions: PERMISSIONS.filter((p) => claims.permissions.includes(p)),
    globalPermissions: claims.globalPermissions,
    permissionsUpdatedAt: claims.permissionsUpdatedAt,
    grantExp: claims.grantExp,
    authAt,
    organization: claims.organization ?? null,
    organizationChosenAt: authAt,
  };
  return harness.user;
}

export function formData(fields: Record<string, string | number | undefined>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) data.set(key, String(value));
  return data;
}
