// The registry this project is developed against serves only the Linux builds
// of platform-specific packages (Next's SWC, Tailwind's oxide, …), so
// `npm install` here leaves the other platforms' optional packages out of
// package-lock.json, and `npm ci` then refuses the lock file as out of sync.
// This adds a minimal entry (version, optional) for each missing one; npm
// skips them on other platforms and fetches them where they are needed.
// Run it after any `npm install` that rewrites package-lock.json.
import { readFileSync, writeFileSync } from "node:fs";

const file = "package-lock.json";
const lock = JSON.parse(readFileSync(file, "utf8"));
const packages = lock.packages;
let added = 0;

for (const [path, entry] of Object.entries(packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const nested = `${path}/node_modules/${name}`;
    const hoisted = `node_modules/${name}`;
    if (packages[nested] || packages[hoisted]) continue;
    packages[hoisted] = { version, ...(entry.dev ? { dev: true } : {}), optional: true };
    added++;
  }
}

lock.packages = Object.fromEntries(
  Object.entries(packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a < b ? -1 : 1)),
);
writeFileSync(file, JSON.stringify(lock, null, 2) + "\n");
console.log(`package-lock.json: added ${added} missing optional platform package(s).`);
