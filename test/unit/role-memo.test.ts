import { describe, expect, it } from "vitest";
import { RoleNameMemo } from "@/lib/auth/role-memo";

const key = { userId: "u1", permissionsUpdatedAt: 100, grantExp: null };

describe("RoleNameMemo", () => {
  it("answers only for the exact stamp and grant expiry it was filled with", () => {
    const memo = new RoleNameMemo();
    expect(memo.get(key)).toBeNull();
    memo.remember(key, ["Editor", "Viewer"]);
    expect(memo.get(key)).toEqual(["Editor", "Viewer"]);
    expect(memo.get({ ...key, permissionsUpdatedAt: 101 })).toBeNull(); // a grant, revocation or rename since
    expect(memo.get({ ...key, grantExp: 5_000 })).toBeNull(); // a time-bound grant ended or began
    expect(memo.get({ ...key, userId: "u2" })).toBeNull();
  });

  it("hands out copies, and a late read of an older stamp does not overwrite newer names", () => {
    const memo = new RoleNameMemo();
    memo.remember({ ...key, permissionsUpdatedAt: 200 }, ["Admin"]);
    memo.remember({ ...key, permissionsUpdatedAt: 150 }, ["Viewer"]);
    const names = memo.get({ ...key, permissionsUpdatedAt: 200 });
    expect(names).toEqual(["Admin"]);
    names!.push("Mutated");
    expect(memo.get({ ...key, permissionsUpdatedAt: 200 })).toEqual(["Admin"]);
    expect(memo.get({ ...key, permissionsUpdatedAt: 150 })).toBeNull();
  });

  it("keeps one entry per user and stays bounded, dropping the least recently filled", () => {
    const memo = new RoleNameMemo(2);
    memo.remember({ ...key, userId: "a" }, ["A"]);
    memo.remember({ ...key, userId: "a", permissionsUpdatedAt: 101 }, ["A2"]);
    expect(memo.size).toBe(1);
    memo.remember({ ...key, userId: "b" }, ["B"]);
    memo.remember({ ...key, userId: "a", permissionsUpdatedAt: 102 }, ["A3"]); // refreshed: now the newest
    memo.remember({ ...key, userId: "c" }, ["C"]);
    expect(memo.size).toBe(2);
    expect(memo.get({ ...key, userId: "b" })).toBeNull();
    expect(memo.get({ ...key, userId: "a", permissionsUpdatedAt: 102 })).toEqual(["A3"]);
  });
});
