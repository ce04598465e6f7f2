// The Pages Router event stream (pages/api/me/events.ts) throws at load if
// anything it imports, however deep, carries `import "server-only"`. The
// import rules (eslint.layers.mjs) only see its direct imports; this walks
// the whole graph of the project's own modules from the route.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = process.cwd();
const IMPORT = /^\s*(?:import|export)\s+(?!type\b)(?:[^'";]*?\s+from\s+)?["']([^"']+)["']/gm;

/** The file a project import names, or null for a package (or a type-only path). */
function resolve(from: string, specifier: string): string | null {
  let base: string;
  if (specifier.startsWith("@/")) base = path.join(ROOT, specifier.slice(2));
  else if (specifier.startsWith(".")) base = path.resolve(path.dirname(from), specifier);
  else return null;
  for (const candidate of [`${base}.ts`, `${base}.tsx`, path.join(base, "index.ts"), base])
    if (existsSync(candidate) && candidate.match(/\.tsx?$/)) return candidate;
  throw new Error(`${path.relative(ROOT, from)}: cannot resolve ${specifier}`);
}

/** Every project module `entry` loads at run time, with the chain that reaches it. */
function graphOf(entry: string): Map<string, string[]> {
  const reached = new Map<string, string[]>([[entry, [entry]]]);
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.shift()!;
    for (const [, specifier] of readFileSync(file, "utf8").matchAll(IMPORT)) {
      const target = resolve(file, specifier!);
      if (!target || reached.has(target) || target.includes(`${path.sep}generated${path.sep}`)) continue;
      reached.set(target, [...reached.get(file)!, target]);
      queue.push(target);
    }
  }
  return reached;
}

const SERVER_ONLY = /^\s*import\s+["']server-only["'];?\s*$/m;

describe("the event stream's module graph", () => {
  const graph = graphOf(path.join(ROOT, "pages/api/me/events.ts"));

  it("reaches the bearer path and the freshness check (the walk follows imports)", () => {
    const files = [...graph.keys()].map((f) => path.relative(ROOT, f));
    expect(files).toEqual(
      expect.arrayContaining([
        "lib/sessions/bearer.ts",
        "lib/sessions/access-token.ts",
        "lib/sessions/signing-keys.ts",
        "lib/auth/fresh-session.ts",
        "lib/push/permission-stream.ts",
      ]),
    );
  });

  it('holds no module with import "server-only"', () => {
    const offending = [...graph.entries()]
      .filter(([file]) => SERVER_ONLY.test(readFileSync(file, "utf8")))
      .map(([, chain]) => chain.map((f) => path.relative(ROOT, f)).join(" → "));
    expect(offending).toEqual([]);
  });

  it("would notice one: lib/auth/session.ts carries it", () => {
    expect(SERVER_ONLY.test(readFileSync(path.join(ROOT, "lib/auth/session.ts"), "utf8"))).toBe(true);
  });
});
