// npm run closure -- <file>…: every file of this repo that the given files
// reach through their imports (static, re-exports and import()), with its
// lines. node_modules and the generated Prisma client are not counted: they
// are installed, not copied. docs/ARCHITECTURE.md#the-core quotes its figures.
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { readCommandLine, usageError } from "./support/command-line";

const ROOT = resolve(import.meta.dirname, "..");
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)["']([^"']+)["']/gm;
const EXTENSIONS = ["", ".ts", ".tsx", "/index.ts", "/index.tsx"];

/** The repo file an import names, or null for a package or generated code. */
function resolveImport(from: string, specifier: string): string | null {
  let base: string;
  if (specifier.startsWith("@/")) base = join(ROOT, specifier.slice(2));
  else if (specifier.startsWith(".")) base = resolve(dirname(from), specifier);
  else return null;
  if (relative(ROOT, base).startsWith(join("lib", "generated"))) return null;
  for (const extension of EXTENSIONS) {
    const file = base + extension;
    if (existsSync(file) && statSync(file).isFile()) return file;
  }
  throw new Error(`${relative(ROOT, from)}: cannot resolve "${specifier}"`);
}

/** Each reachable file with its line count, in the order they were found. */
export function importClosure(entries: string[]): Map<string, number> {
  const found = new Map<string, number>();
  const pending = entries.map((entry) => resolve(ROOT, entry));
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (found.has(file)) continue;
    const text = readFileSync(file, "utf8");
    found.set(file, text.split("\n").length - (text.endsWith("\n") ? 1 : 0));
    for (const [, specifier = ""] of text.matchAll(SPECIFIER)) {
      const target = resolveImport(file, specifier);
      if (target && !found.has(target)) pending.push(target);
    }
  }
  return found;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const { values, positionals } = readCommandLine(
    `Usage: npm run closure -- [--files] <file>…
  Counts the files of this repo that the given files import, directly or not, and their lines
  (node_modules and lib/generated excluded). --files lists them, largest first.`,
    { options: { files: { type: "boolean" } }, allowPositionals: true },
  );
  if (positionals.length === 0) usageError("Name at least one file");
  const closure = importClosure(positionals);
  const lines = [...closure.values()].reduce((sum, n) => sum + n, 0);
  if (values.files)
    for (const [file, n] of [...closure].sort((a, b) => b[1] - a[1]))
      console.log(`${String(n).padStart(6)}  ${relative(ROOT, file)}`);
  console.log(`${positionals.join(" ")}: ${closure.size} files, ${lines} lines`);
}
