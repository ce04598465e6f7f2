// Every server action in app/**/actions.ts, found in the code, with the valid
// sample input of its schema (./samples.ts): the
// authorization table and the hostile-input table both start from here. An
// action whose schema has no sample fails those tests.
import { readdirSync } from "node:fs";
import path from "node:path";
import { expect } from "vitest";
import { inputSchemaOf, permissionOf } from "@/lib/actions/protected-action";
import type { ActionState } from "@/lib/actions/state";
import { seedDemoData } from "@/lib/db/seed";
import {
  createSessionOf,
  createUserWithRoles,
  idOfRole,
  permissionsUpdatedAtOfUser,
  roleVersion,
} from "./admin";
import type { TestDatabase } from "./databases";
import { type SampleFixture, type SampleIds, sampleOf } from "./samples";

export type Ids = SampleIds;
export type Fields = Record<string, string | number>;
export type Sample = { fields(db: TestDatabase, ids: Ids): Promise<Fields>; selfService: boolean };
export type Action = (previous: ActionState, data: FormData) => Promise<ActionState>;

/** The fixture a sample (./samples.ts) is written against, on this database. */
function fixture(db: TestDatabase, ids: Ids): SampleFixture {
  return {
    ...ids,
    future: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    permissionsUpdatedAtOf: (userId) => permissionsUpdatedAtOfUser(db, userId),
    versionOf: (roleId) => roleVersion(db, roleId),
    sessionOf: (userId) => createSessionOf(db, userId),
  };
}

/** Every action found by collectActions, by key. */
const collected = new Map<string, Action>();

/**
 * The sample input of an action, found from the action itself: its schema
 * (inputSchemaOf) carries it. selfService: an action on the actor's own
 * account (permission null), which any signed-in user may use.
 */
export function sampleFor(key: string): Sample {
  const action = collected.get(key);
  if (!action) throw new Error(`${key} is not an action (collectActions first)`);
  const schema = inputSchemaOf(action);
  const sample = schema ? sampleOf(schema) : null;
  if (!sample) throw new Error(`${key} has no sample input: give its schema one in test/support/samples.ts`);
  return { fields: (db, ids) => sample(fixture(db, ids)), selfService: permissionOf(action) === null };
}

/** The demo data, plus a target user and spare roles the samples act on. */
export async function prepareSampleData(db: TestDatabase): Promise<Ids> {
  await seedDemoData(db.prisma);
  const spare = await db.prisma.role.create({ data: { name: "Spare" } });
  const doomed = await db.prisma.role.create({ data: { name: "Doomed" } });
  const target = await createUserWithRoles(db, "target@example.test", ["Viewer", "Spare"]);
  const acme = await db.prisma.organization.findUniqueOrThrow({ where: { slug: "acme" } });
  await db.prisma.membership.create({
    data: { userId: target, organizationId: acme.id, roleId: await idOfRole(db, "Viewer") },
  });
  const doomedOrganization = await db.prisma.organization.create({
    data: { slug: "doomed", name: "Doomed" },
  });
  const invitation = await db.prisma.invitation.create({
    data: {
      organizationId: acme.id,
      roleId: await idOfRole(db, "Viewer"),
      email: "invited@example.test",
      expiresAt: new Date(Date.now() + 86_400_000),
    },
  });
  return {
    target,
    invitation: invitation.id,
    organization: acme.id,
    otherOrganization: doomedOrganization.id,
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
      collected.set(`${file}#${name}`, value as Action);
    }
  }
  return found;
}
