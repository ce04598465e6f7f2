import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

type LockEntry = { optionalDependencies?: Record<string, string> };

describe("package-lock.json", () => {
  it("lists every optional platform package, so `npm ci` accepts it on any machine", () => {
    const lock = JSON.parse(readFileSync("package-lock.json", "utf8")) as {
      packages: Record<string, LockEntry>;
    };
    const missing: string[] = [];
    for (const [path, entry] of Object.entries(lock.packages)) {
      for (const name of Object.keys(entry.optionalDependencies ?? {})) {
        if (!lock.packages[`${path}/node_modules/${name}`] && !lock.packages[`node_modules/${name}`])
          missing.push(name);
      }
    }
    expect(missing, "run: node scripts/lockfile-add-platform-packages.mjs").toEqual([]);
  });
});
