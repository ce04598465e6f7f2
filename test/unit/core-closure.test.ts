// The core (lib/auth) reaches nothing that plugs into it, directly or through
// another folder: its whole import closure, as `npm run closure` counts it, is
// what docs/ADOPT.md tells an app to copy.
import { relative } from "node:path";
import { describe, expect, it } from "vitest";
import { importClosure } from "../../scripts/closure";

const filesOf = (entry: string) =>
  [...importClosure([entry]).keys()].map((file) => relative(process.cwd(), file));

describe("the core's import closure", () => {
  it("is lib/auth, the permission catalogue and the process-wide holder: nothing of the database, listener, organizations or sign-in", () => {
    const files = filesOf("lib/auth/index.ts");
    expect(files).toContain("lib/auth/freshness.ts");
    expect(files).toContain("lib/auth/stamp-cache.ts");
    const outside = files.filter(
      (file) => !/^lib\/(auth|permissions)\//.test(file) && file !== "lib/process-state.ts",
    );
    expect(outside).toEqual([]);
  });

  it("follows re-exports to each file once, with its lines", () => {
    const closure = importClosure(["lib/permissions/index.ts"]);
    const files = [...closure.keys()].map((file) => relative(process.cwd(), file)).sort();
    expect(files).toEqual([
      "lib/permissions/catalogue.ts",
      "lib/permissions/check.ts",
      "lib/permissions/index.ts",
    ]);
    expect(closure.get(`${process.cwd()}/lib/permissions/check.ts`)).toBeGreaterThan(0);
  });
});
