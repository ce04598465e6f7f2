// Writes the minimal app into a new temporary folder: the template
// (./minimal-app), then the core and the migrations exactly as the guide
// lists them, as an adopter would copy them. Nothing is installed: the app's
// node_modules is a link to this repository's, which holds every package the
// app's package.json names.
import { appendFile, cp, mkdtemp, symlink } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Guide } from "./guide";

export async function writeMinimalApp(guide: Guide, root: string, template: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "adopt-check-"));
  await cp(template, dir, { recursive: true });
  for (const entry of guide.copy)
    await cp(path.join(root, entry), path.join(dir, entry), { recursive: true });
  const migrations = path.join(root, "prisma", "migrations");
  for (const name of guide.migrations)
    await cp(path.join(migrations, name), path.join(dir, "prisma", "migrations", name), { recursive: true });
  await cp(
    path.join(migrations, "migration_lock.toml"),
    path.join(dir, "prisma", "migrations", "migration_lock.toml"),
  );
  await symlink(path.join(root, "node_modules"), path.join(dir, "node_modules"), "dir");
  // Turbopack compiles nothing outside its root, and the linked packages live outside this folder.
  await appendFile(
    path.join(dir, "next.config.mjs"),
    `\n// Added by adopt:check: node_modules links to ${root}, outside this folder.\n` +
      `nextConfig.turbopack = { root: ${JSON.stringify(commonAncestor(dir, root))} };\n`,
  );
  return dir;
}

function commonAncestor(a: string, b: string): string {
  const [first, second] = [a.split(path.sep), b.split(path.sep)];
  let i = 0;
  while (i < first.length && first[i] === second[i]) i++;
  return first.slice(0, i).join(path.sep) || path.sep;
}
