// The hostile-input table: every field of every server action (found in the
// code, with its schema) gets control characters, huge values, wrong types and
// look-alikes, as the admin, who may do everything. Each must come back as a
// field error or a refusal, never the "something went wrong" of a database
// error, and nothing may be written. Role names and free text have their own
// rules for look-alikes, tested at the end.
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { formDataToObject } from "@/lib/actions/form-data";
import { inputSchemaOf } from "@/lib/actions/protected-action";
import { IDLE } from "@/lib/actions/state";
import { authenticate } from "@/lib/sign-in/attempt";
import { setAppDatabase } from "../support/app-database";
import { formData, harness, signInAs } from "../support/session-harness";
import {
  type Action,
  collectActions,
  type Ids,
  prepareSampleData,
  sampleFor,
} from "../support/action-samples";
import { snapshotTables } from "../support/admin";
import { createMigratedDatabase, describeOnBackends, type TestDatabase } from "../support/databases";
import { FREE_TEXT, HOSTILE, LOOK_ALIKES, type Hostile } from "../support/hostile-values";

vi.mock("@/lib/auth/session", async (importOriginal) =>
  (await import("../support/session-harness")).sessionMock(importOriginal),
);
vi.mock("next/cache", async () => (await import("../support/session-harness")).nextCacheMock);

const DATABASE_ERROR = /Something went wrong/;

/** The fields an action's schema declares (every action takes a z.object). */
function fieldsOf(key: string, action: Action): string[] {
  const schema = inputSchemaOf(action) as { shape?: Record<string, unknown> } | undefined;
  expect(schema?.shape, `${key} must be built with protectedAction and a z.object schema`).toBeDefined();
  return Object.keys(schema!.shape!).sort();
}

await describeOnBackends("hostile input", (backend) => {
  let db: TestDatabase;
  let ids: Ids;
  let actions: Map<string, Action>;

  beforeAll(async () => {
    db = await createMigratedDatabase(backend);
    setAppDatabase(db);
    ids = await prepareSampleData(db);
    actions = await collectActions();
    await signInAs("admin@example.com");
  });
  afterAll(async () => {
    setAppDatabase(null);
    harness.user = null;
    await db?.dispose();
  });

  /** Sends the valid sample with `field` made hostile; expects a refusal and no write. */
  async function expectRefused(key: string, action: Action, field: string, hostile: Hostile) {
    const sample = await sampleFor(key).fields(db, ids);
    const data = formData(sample);
    hostile.apply(data, field, String(sample[field]));
    const result = await action(IDLE, data);
    const what = `${key} ${field} ← ${hostile.label}`;
    expect(result.status, `${what}: ${result.message}`).toBe("error");
    expect(result.message, what).not.toMatch(DATABASE_ERROR);
  }

  it("every field of every action is in its sample, and every sample is valid", async () => {
    for (const [key, action] of actions) {
      const sample = await sampleFor(key).fields(db, ids);
      expect(Object.keys(sample).sort(), key).toEqual(fieldsOf(key, action));
      const parsed = inputSchemaOf(action)!.safeParse(formDataToObject(formData(sample)));
      expect(parsed.success, `${key}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
    }
    for (const field of FREE_TEXT)
      expect(actions.has(field.slice(0, field.lastIndexOf("."))), field).toBe(true);
  });

  it("control characters, direction overrides, huge values and wrong types: refused, nothing written", async () => {
    for (const [key, action] of actions) {
      for (const field of fieldsOf(key, action)) {
        const before = await snapshotTables(db.sql);
        for (const hostile of HOSTILE) await expectRefused(key, action, field, hostile);
        expect(await snapshotTables(db.sql), `${key} ${field} wrote something`).toEqual(before);
      }
    }
  });

  it("look-alikes (Cyrillic letters, full-width forms) in ids, numbers, choices and emails: refused", async () => {
    for (const [key, action] of actions) {
      for (const field of fieldsOf(key, action)) {
        if (FREE_TEXT.has(`${key}.${field}`) || field === "name") continue; // below
        const before = await snapshotTables(db.sql);
        for (const hostile of LOOK_ALIKES) await expectRefused(key, action, field, hostile);
        expect(await snapshotTables(db.sql), `${key} ${field} wrote something`).toEqual(before);
      }
    }
  });

  it("role names: a look-alike of a taken name, or mixed scripts, is refused; one script is welcome", async () => {
    const createRole = actions.get("app/(app)/admin/roles/actions.ts#createRole")!;
    const updateRole = actions.get("app/(app)/admin/roles/actions.ts#updateRole")!;
    const before = await snapshotTables(db.sql);
    const refusals: [string, RegExp][] = [
      ["Ａｄｍｉｎ", /already exists/], // full-width: NFKC makes it "Admin"
      ["ｅｄｉｔｏｒ", /already exists/],
      ["Аdmin", /mixes Cyrillic and Latin/], // Cyrillic А
      ["Editоr", /mixes Latin and Cyrillic/], // Cyrillic о
      ["Αdmin", /mixes Greek and Latin/], // Greek Alpha
      ["Ad​min", /Use letters, numbers/], // zero-width space
    ];
    for (const [name, message] of refusals) {
      const created = await createRole(IDLE, formData({ name, description: "" }));
      expect(created.fieldErrors?.name?.join(" "), name).toMatch(message);
      const sample = await sampleFor("app/(app)/admin/roles/actions.ts#updateRole").fields(db, ids);
      const renamed = await updateRole(IDLE, formData({ ...sample, name }));
      expect(renamed.fieldErrors?.name?.join(" "), `rename to ${name}`).toMatch(message);
    }
    expect(await snapshotTables(db.sql)).toEqual(before);

    for (const [typed, stored] of [
      ["Админы", "Админы"],
      ["管理者 Team", "管理者 Team"],
      ["Ｓｕｐｐｏｒｔ", "Support"],
    ]) {
      const result = await createRole(IDLE, formData({ name: typed, description: "" }));
      expect(result.status, `${typed}: ${result.message}`).toBe("success");
      expect(await db.prisma.role.count({ where: { name: stored } })).toBe(1);
    }
  });

  it("display names take any script, in canonical form; overrides in them are refused", async () => {
    const createUser = actions.get("app/(app)/admin/users/actions.ts#createUser")!;
    const user = { email: `names-${backend}@example.test`, password: "long-enough", roleId: ids.viewerRole };
    const refused = await createUser(IDLE, formData({ ...user, name: "Ada‮nimdA" }));
    expect(refused.fieldErrors?.name).toEqual(["Remove invisible control characters"]);
    // Cyrillic and Latin together, the accent typed as a combining mark.
    const created = await createUser(IDLE, formData({ ...user, name: "Ера E\u0301ve" }));
    expect(created.status, created.message).toBe("success");
    const row = await db.prisma.user.findUniqueOrThrow({ where: { email: user.email } });
    expect(row.name).toBe("Ера \u00c9ve");
  });

  it("not a form at all (an object, a string, nothing): refused, nothing written", async () => {
    for (const [key, action] of actions) {
      const before = await snapshotTables(db.sql);
      for (const input of [{ name: { nested: true } }, "name=x", null, [["name", "x"]]]) {
        const result = await action(IDLE, input as unknown as FormData);
        expect(result.status, `${key} ← ${JSON.stringify(input)}`).toBe("error");
      }
      expect(await snapshotTables(db.sql), `${key} wrote something`).toEqual(before);
    }
  });

  it("signing in with a NUL or a direction override in the email or password: refused, no error", async () => {
    for (const credentials of [
      { email: "admin@example.com\u0000", password: "demo1234" },
      { email: "admin\u0000@example.com", password: "demo1234" },
      { email: "\u202eadmin@example.com", password: "demo1234" },
      { email: "admin@example.com", password: "demo1234\u0000" },
      { email: ["admin@example.com"], password: "demo1234" },
      { email: "x".repeat(100_000), password: "demo1234" },
    ]) {
      await expect(authenticate(db.prisma, credentials), JSON.stringify(credentials)).resolves.toBeNull();
    }
  });
});
