// docs/ADOPT.md is the one source of what an adopter copies: the check reads
// its lists instead of keeping its own, so the guide and the proof cannot
// drift. A list is the fenced block right after a marker comment:
//   <!-- adopt:copy -->        paths to copy from this repository, to the same place in the app
//   <!-- adopt:migrations -->  folders of prisma/migrations, applied in this order
//   <!-- adopt:excerpt <file> --> a snippet that must appear word for word in the minimal app's <file>
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { importClosure } from "../closure";

export type Guide = {
  /** Files and folders (ending in "/"), relative to the repository. */
  copy: string[];
  /** Migration folder names, in the order the guide gives. */
  migrations: string[];
  excerpts: { file: string; text: string }[];
};

const BLOCK = /<!-- adopt:(copy|migrations|excerpt)(?: ([^\s>]+))? -->\s*\n```[^\n]*\n([\s\S]*?)\n```/g;

export function readGuide(file: string): Guide {
  const guide: Guide = { copy: [], migrations: [], excerpts: [] };
  for (const [, kind, argument, body = ""] of readFileSync(file, "utf8").matchAll(BLOCK)) {
    const lines = body
      .split("\n")
      .map((line) => line.trim())
      .filter(Boolean);
    if (kind === "copy") guide.copy.push(...lines);
    else if (kind === "migrations") guide.migrations.push(...lines);
    else if (argument) guide.excerpts.push({ file: argument, text: body });
  }
  if (guide.copy.length === 0 || guide.migrations.length === 0)
    throw new Error(`${file} has no <!-- adopt:copy --> or <!-- adopt:migrations --> list`);
  return guide;
}

/** Problems with the guide's lists against this repository and the minimal app; empty when none. */
export function guideProblems(guide: Guide, root: string, appTemplate: string): string[] {
  const problems: string[] = [];
  for (const entry of guide.copy)
    if (!existsSync(path.join(root, entry))) problems.push(`the guide copies ${entry}, which does not exist`);
  for (const name of guide.migrations)
    if (!existsSync(path.join(root, "prisma/migrations", name, "migration.sql")))
      problems.push(`the guide applies migration ${name}, which does not exist`);
  if ([...guide.migrations].sort().join() !== guide.migrations.join())
    problems.push("the guide's migrations are not in name order (the order Prisma applies them)");
  // Everything the copied files import must be copied too, or the adopter's build breaks.
  const files = copiedFiles(guide, root);
  const inCopy = new Set(files);
  for (const file of importClosure(files.map((f) => path.join(root, f))).keys()) {
    const relative = path.relative(root, file);
    if (!inCopy.has(relative)) problems.push(`the copy imports ${relative}, which the guide does not copy`);
  }
  for (const { file, text } of guide.excerpts) {
    const template = path.join(appTemplate, file);
    if (!existsSync(template)) problems.push(`the guide quotes ${file}, which the minimal app does not have`);
    else if (!readFileSync(template, "utf8").includes(text))
      problems.push(`the guide's excerpt of ${file} is not in scripts/adopt/minimal-app/${file}`);
  }
  return problems;
}

/** Every file the guide's copy list names, relative to `root` (folders walked whole). */
export function copiedFiles(guide: Guide, root: string): string[] {
  return guide.copy.flatMap((entry) => {
    const full = path.join(root, entry);
    if (!existsSync(full)) return [];
    if (!statSync(full).isDirectory()) return [entry];
    return readdirSync(full, { recursive: true, withFileTypes: true })
      .filter((d) => d.isFile())
      .map((d) => path.relative(root, path.join(d.parentPath, d.name)));
  });
}
