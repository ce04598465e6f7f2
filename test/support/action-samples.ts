// Every server action in app/**/actions.ts, found in the code, with a valid
// sample input for each: the authorization table and the hostile-input table
// both start from here. An export without a sample fails those tests, and so
// does a sample for an export that no longer exists.
import { readdirSync } from "node:fs";
import path from "node:path";
import { expect } from "vitest";
import type { ActionState } from "@/lib/actions/state";
import { seedDemoData } from "@/lib/db/seed";
import { createUserWithRoles, idOfRole, roleVersion, permissionsUpdatedAtOfUser } from "./admin";
import type { TestDatabase } from "./databases";

export type Ids = {
  target: string;
  viewerRole: string;
  editorRole: string;
  spareRole: string;
  doomedRole: string;
};
export type Fields = Record<string, string | number>;
export type Sample = { fields(db: TestDatabase, ids: Ids): Promise<Fields> | Fields; selfService?: true };
export type Action = (previous: ActionState, data: FormData) => Promise<ActionState>;

const future = () => new Date(Date.now() + 7 * 86_400_000).toISOString();

/** An edit of the target user, carrying the permissionsUpdatedAt it has now, as its page would. */
const targetEdit = async (db: TestDatabase, ids: Ids, fields: Fields): Promise<Fields> => ({
  userId: ids.target,
  permissionsUpdatedAt: await permissionsUpdatedAtOfUser(db, ids.target),
  ...fields,
});

/** An edit of a role, carrying the version it has now. */
const roleEdit = async (db: TestDatabase, roleId: string, fields: Fields): Promise<Fields> => ({
  roleId,
  version: await roleVersion(db, roleId),
  ...fields,
});

/** A plausible, valid input for every action, every field filled in. */
export const ACTION_SAMPLES: Record<string, Sample> = {
  // The documented exception: any signed-in user may end their own sessions.
  "app/(app)/actions.ts#signOutEverywhere": { selfService: true, fields: () => ({}) },
  "app/(app)/admin/users/actions.ts#createUser": {
    fields: (_db, ids) => ({
      email: "created@example.test",
      name: "Created",
      password: "long-enough",
      roleId: ids.viewerRole,
    }),
  },
  "app/(app)/admin/users/actions.ts#grantRole": {
    fields: (db, ids) => targetEdit(db, ids, { roleId: ids.editorRole, expiresAt: future() }),
  },
  "app/(app)/admin/users/actions.ts#revokeRole": {
    fields: (db, ids) => targetEdit(db, ids, { roleId: ids.viewerRole }),
  },
  "app/(app)/admin/users/actions.ts#changeExpiry": {
    fields: (db, ids) => targetEdit(db, ids, { roleId: ids.spareRole, expiresAt: future() }),
  },
  "app/(app)/admin/users/actions.ts#setUserDisabled": {
    fields: (db, ids) => targetEdit(db, ids, { disabled: "true" }),
  },
  "app/(app)/admin/users/actions.ts#signOutUserEverywhere": {
    fields: (_db, ids) => ({ userId: ids.target }),
  },
  "app/(app)/admin/roles/actions.ts#createRole": {
    fields: () => ({ name: "Auditors", description: "Read the log" }),
  },
  "app/(app)/admin/roles/actions.ts#updateRole": {
    fields: (db, ids) => roleEdit(db, ids.spareRole, { name: "Spare renamed", description: "Renamed" }),
  },
  "app/(app)/admin/roles/actions.ts#setRolePermission": {
    fields: (_db, ids) => ({ roleId: ids.spareRole, permission: "audit.read", state: "grant" }),
  },
  "app/(app)/admin/roles/actions.ts#deleteRole": {
    fields: (db, ids) => roleEdit(db, ids.doomedRole, { members: 0 }),
  },
};

export function sampleFor(key: string): Sample {
  const sample = ACTION_SAMPLES[key];
  if (!sample) throw new Error(`${key} has no sample input in ACTION_SAMPLES`);
  return sample;
}

/** The demo data, plus a target user and spare roles the samples act on. */
export async function prepareSampleData(db: TestDatabase): Promise<Ids> {
  await seedDemoData(db.prisma);
  const spare = await db.prisma.role.create({ data: { name: "Spare" } });
  const doomed = await db.prisma.role.create({ data: { name: "Doomed" } });
  return {
    target: await createUserWithRoles(db, "target@example.test", ["Viewer", "Spare"]),
    viewerRole: await idOfRole(db, "Viewer"),
    editorRole: await idOfRole(db, "Editor"),
    spareRole: spare.id,
    doomedRole: doomed.id,
  };
}

export function filesUnder(dir: string, name: string): string[] {
  return (readdirSync(path.resolve(dir), { recursive: true }) as string[])
    .filter((f) => path.basename(f) === name)
    .map((f) => path.posix.join(dir, f.split(path.sep).join("/")))
    .sort();
}

/** Every export of every app/**\/actions.ts, keyed "file#name". */
export async function collectActions(): Promise<Map<string, Action>> {
  const found = new Map<string, Action>();
  for (const file of filesUnder("app", "actions.ts")) {
    const exported = (await import(path.resolve(file))) as Record<string, unknown>;
    for (const [name, value] of Object.entries(exported)) {
      expect(typeof value, `${file}#${name} must be a server action`).toBe("function");
      found.set(`${file}#${name}`, value as Action);
    }
  }
  return found;
}
