// The admin rules' decisions with the database rows stubbed: which state is
// refused, with which message, and what is locked first. The same rules run
// against real databases in test/integration/admin-rules.test.ts.
import { describe, expect, it, vi } from "vitest";
import { ActionError } from "@/lib/actions/state";
import {
  keepingLastAdmins,
  lockAccessChanges,
  lockRole,
  lockUser,
  refuseEscalation,
  refuseSelf,
  ROLE_GONE,
  STALE_ROLE,
  STALE_USER,
  USER_GONE,
} from "@/lib/admin/guards";
import type { Tx } from "@/lib/admin/transaction";
import type { Actor } from "@/lib/auth/claims";

/** A transaction whose queries answer `rows` in turn, recording the SQL it was sent. */
function fakeTx(...answers: unknown[][]) {
  const sent: string[] = [];
  const params: unknown[][] = [];
  const record = (strings: TemplateStringsArray, ...values: unknown[]) => {
    sent.push(strings.join("?"));
    params.push(values);
  };
  const tx = {
    $queryRaw: vi.fn(async (strings: TemplateStringsArray, ...values: unknown[]) => {
      record(strings, ...values);
      return answers.shift() ?? [];
    }),
    $executeRaw: vi.fn(async (strings: TemplateStringsArray, ...values: unknown[]) => {
      record(strings, ...values);
      return 1;
    }),
  };
  return { tx: tx as unknown as Tx, sent, params };
}

const actor: Actor = {
  id: "me",
  email: "me@x",
  name: "Me",
  roles: [],
  permissions: ["users.manage", "reports.read"],
  globalPermissions: ["users.manage", "reports.read"],
};

async function refusal(attempt: () => Promise<unknown> | unknown): Promise<ActionError> {
  try {
    await attempt();
  } catch (error) {
    expect(error).toBeInstanceOf(ActionError);
    return error as ActionError;
  }
  throw new Error("expected a refusal");
}

describe("admin guards", () => {
  it("access changes take one advisory lock for the transaction", async () => {
    const { tx, sent, params } = fakeTx();
    await lockAccessChanges(tx);
    expect(sent[0]).toContain("pg_advisory_xact_lock");
    expect(params[0]).toEqual([720_501]);
  });

  it("nobody changes their own access; anyone else may be changed", async () => {
    expect((await refusal(() => refuseSelf(actor, "me"))).message).toMatch(/cannot change your own/);
    expect(refuseSelf(actor, "someone")).toBeUndefined();
  });

  it("a role may be granted only with every permission it carries", async () => {
    const error = await refusal(() =>
      refuseEscalation(actor, "Auditors", ["reports.read", "audit.read", "roles.manage"]),
    );
    const message = "You cannot grant Auditors: it carries audit.read, roles.manage, which you do not hold.";
    expect(error.message).toBe(message);
    expect(error.fieldErrors).toEqual({ roleId: [message] });
    expect(refuseEscalation(actor, "Readers", ["reports.read"])).toBeUndefined();
    expect(refuseEscalation(actor, "Empty", [])).toBeUndefined();
  });

  it("lockUser: locks the row, refuses a missing user (on its field) or another permissionsUpdatedAt", async () => {
    const user = { id: "u1", email: "u@x", name: "U", disabledAt: null, permissionsUpdatedAt: new Date(100) };
    const locked = fakeTx([user]);
    expect(await lockUser(locked.tx, "u1", 100)).toEqual({
      id: "u1",
      email: "u@x",
      name: "U",
      disabledAt: null,
    });
    expect(locked.sent[0]).toMatch(/FOR UPDATE/);
    expect(locked.params[0]).toEqual(["u1"]);
    expect(await refusal(() => lockUser(fakeTx([user]).tx, "u1", 99))).toMatchObject({ message: STALE_USER });
    const gone = await refusal(() => lockUser(fakeTx([]).tx, "u1", 100));
    expect(gone).toMatchObject({ message: USER_GONE, fieldErrors: { userId: [USER_GONE] } });
  });

  it("lockRole: locks the row, refuses a missing role or another version; null skips the version", async () => {
    const role = { id: "r1", name: "R", description: "", version: 3 };
    const locked = fakeTx([role]);
    expect(await lockRole(locked.tx, "r1", 3)).toEqual(role);
    expect(locked.sent[0]).toMatch(/FOR UPDATE/);
    expect(await lockRole(fakeTx([role]).tx, "r1", null)).toEqual(role);
    expect(await refusal(() => lockRole(fakeTx([role]).tx, "r1", 2))).toMatchObject({ message: STALE_ROLE });
    const gone = await refusal(() => lockRole(fakeTx([]).tx, "r1", 3));
    expect(gone).toMatchObject({ message: ROLE_GONE, fieldErrors: { roleId: [ROLE_GONE] } });
  });
});

describe("keepingLastAdmins", () => {
  const counts = (managers: number, lastingManagers: number, admins: number, lastingAdmins: number) => [
    { managers, lastingManagers, admins, lastingAdmins },
  ];
  const run = (before: unknown[], after: unknown[]) => {
    const { tx, params } = fakeTx(before, after);
    const change = vi.fn(async () => "changed");
    return { result: keepingLastAdmins(tx, change), change, params };
  };

  it("a change that keeps someone in each count goes through, counted before and after at the same instant", async () => {
    const { result, change, params } = run(counts(2, 2, 2, 2), counts(1, 1, 1, 1));
    expect(await result).toBe("changed");
    expect(change).toHaveBeenCalledTimes(1);
    expect(params[0]).toEqual(["Admin", "Admin", expect.any(Date)]);
    expect(params[1]![2]).toBe(params[0]![2]);
  });

  it.each([
    ["the last roles.manage holder", counts(1, 1, 1, 1), counts(0, 0, 1, 1), /roles\.manage/],
    ["the last lasting roles.manage holder", counts(1, 1, 1, 1), counts(1, 0, 1, 1), /roles\.manage/],
    ["the last Admin", counts(1, 1, 1, 1), counts(1, 1, 0, 0), /Admin role/],
    ["the last lasting Admin", counts(1, 1, 1, 1), counts(1, 1, 1, 0), /Admin role/],
  ])("losing %s is refused", async (_what, before, after, message) => {
    const error = await refusal(() => run(before, after).result);
    expect(error.message).toMatch(message);
    expect(error.message).toMatch(/^Refused: nobody would be left/);
  });

  it("an already broken setup (nobody left before) does not block unrelated changes", async () => {
    expect(await run(counts(0, 0, 0, 0), counts(0, 0, 0, 0)).result).toBe("changed");
    expect(await run([], []).result).toBe("changed");
  });
});
