// The server action wrapper on its own: who acts and the wait for the
// change's echo are stubbed, so each answer below comes from protectedAction.
import { redirect } from "next/navigation";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { formDataToObject } from "@/lib/actions/form-data";
import { ActionError, failure, IDLE, success } from "@/lib/actions/state";
import type { Actor } from "@/lib/auth/claims";
import type { Permission } from "@/lib/permissions/catalogue";

const stubs = vi.hoisted(() => ({
  loadActor: vi.fn<() => Promise<unknown>>(),
  settleChanges: vi.fn<() => Promise<void>>(),
  events: [] as string[],
}));
vi.mock("@/lib/auth/guards", async (original) => ({
  ...(await original<typeof import("@/lib/auth/guards")>()),
  loadActor: stubs.loadActor,
}));
vi.mock("@/lib/live/instance", () => ({ settleChanges: stubs.settleChanges }));

const { protectedAction } = await import("@/lib/actions/protected-action");

const actor = (permissions: Permission[]): Actor => ({
  id: "u1",
  email: "u1@example.test",
  name: "U One",
  roles: [],
  permissions,
  globalPermissions: permissions,
});

const schema = z.object({
  name: z.string().min(2, "Too short"),
  nested: z.object({ n: z.coerce.number() }).optional(),
});
const run = vi.fn(async (input: z.output<typeof schema>) => {
  stubs.events.push("run");
  return success(`Saved ${input.name}`);
});
const action = protectedAction({ permission: "roles.manage", schema, run });
/** For actions whose schema refuses everything: must never run. */
const neverRuns = vi.fn(async () => success("ran"));

function form(fields: Record<string, string | string[]>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields))
    for (const v of Array.isArray(value) ? value : [value]) data.append(key, v);
  return data;
}

beforeEach(() => {
  vi.clearAllMocks();
  stubs.events.length = 0;
  stubs.settleChanges.mockImplementation(async () => void stubs.events.push("settled"));
  stubs.loadActor.mockResolvedValue(actor(["roles.manage"]));
});

describe("protectedAction", () => {
  it("signed out, revoked or disabled: refused before anything else", async () => {
    stubs.loadActor.mockResolvedValue(null);
    expect(await action(IDLE, form({ name: "ok" }))).toEqual(
      failure("Your session has ended. Sign in again."),
    );
    expect(run).not.toHaveBeenCalled();
    expect(stubs.settleChanges).not.toHaveBeenCalled();
  });

  it("without the permission (read from the database by loadActor): refused, nothing run", async () => {
    stubs.loadActor.mockResolvedValue(actor(["users.manage"]));
    expect(await action(IDLE, form({ name: "ok" }))).toEqual(
      failure("You need the roles.manage permission to do this."),
    );
    expect(run).not.toHaveBeenCalled();
  });

  it("with no permission required, any signed-in actor may act", async () => {
    stubs.loadActor.mockResolvedValue(actor([]));
    const own = protectedAction({ permission: null, schema, run });
    expect(await own(IDLE, form({ name: "mine" }))).toEqual(success("Saved mine"));
  });

  it("bad input: field errors keyed by the field's path, nothing run", async () => {
    const result = await action(IDLE, form({ name: "x", "nested.n": "1" }));
    expect(result).toEqual(
      failure("Nothing was changed: check the highlighted fields.", { name: ["Too short"] }),
    );
    const nested = protectedAction({
      permission: null,
      schema: z.object({ a: z.object({ b: z.string() }) }),
      run: neverRuns,
    });
    expect((await nested(IDLE, form({}))).fieldErrors).toEqual({ a: [expect.any(String)] });
    const whole = protectedAction({
      permission: null,
      schema: z.object({}).refine(() => false, "Never"),
      run: neverRuns,
    });
    expect((await whole(IDLE, form({}))).fieldErrors).toEqual({ form: ["Never"] });
    const deep = protectedAction({
      permission: null,
      schema: z.object({}).superRefine((_input, ctx) => {
        ctx.addIssue({ code: "custom", path: ["grants", 0, "until"], message: "Deep" });
      }),
      run: neverRuns,
    });
    expect((await deep(IDLE, form({}))).fieldErrors).toEqual({ "grants.0.until": ["Deep"] });
    expect(run).not.toHaveBeenCalled();
    expect(neverRuns).not.toHaveBeenCalled();
  });

  it("success: runs with the parsed input and the actor, then waits for the change's echo before answering", async () => {
    expect(await action(IDLE, form({ name: "Ada" }))).toEqual(success("Saved Ada"));
    expect(run).toHaveBeenCalledWith({ name: "Ada" }, actor(["roles.manage"]));
    expect(stubs.events).toEqual(["run", "settled"]);
  });

  it("an ActionError refuses with its message and field errors; nothing to wait for", async () => {
    run.mockRejectedValueOnce(new ActionError("Refused: no", { name: ["taken"] }));
    expect(await action(IDLE, form({ name: "Ada" }))).toEqual(failure("Refused: no", { name: ["taken"] }));
    expect(stubs.settleChanges).not.toHaveBeenCalled();
  });

  it("a redirect after the write is passed on, after the wait", async () => {
    run.mockImplementationOnce(async () => redirect("/done"));
    const thrown = await action(IDLE, form({ name: "Ada" })).catch((e: unknown) => e);
    expect(String((thrown as { digest?: string }).digest)).toMatch(/^NEXT_REDIRECT;replace;\/done;/);
    expect(stubs.settleChanges).toHaveBeenCalledTimes(1);
  });

  it("an unexpected error: a generic failure, logged, after the wait (part may have been written)", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    run.mockRejectedValueOnce(new Error("boom"));
    expect(await action(IDLE, form({ name: "Ada" }))).toEqual(
      failure("Something went wrong, and nothing was changed. Try again."),
    );
    expect(stubs.settleChanges).toHaveBeenCalledTimes(1);
    expect(log).toHaveBeenCalledWith("[action] failed:", expect.any(Error));
  });
});

describe("form data and states", () => {
  it("repeated keys become arrays; Next's $ACTION fields are left out; files are kept for zod to refuse", () => {
    const data = form({ a: "1", b: ["x", "y", "z"], $ACTION_ID_abc: "" });
    data.append("file", new Blob(["x"]), "f.txt");
    const { file, ...text } = formDataToObject(data);
    expect(text).toEqual({ a: "1", b: ["x", "y", "z"] });
    expect(file).toBeInstanceOf(File);
  });

  it("failure carries field errors only when there are some", () => {
    expect(failure("no")).toEqual({ status: "error", message: "no" });
    expect(failure("no", {})).toEqual({ status: "error", message: "no", fieldErrors: {} });
    expect(success("yes")).toEqual({ status: "success", message: "yes" });
    expect(IDLE).toEqual({ status: "idle" });
    const error = new ActionError("refused", { a: ["b"] });
    expect(error).toMatchObject({ name: "ActionError", message: "refused", fieldErrors: { a: ["b"] } });
  });
});
