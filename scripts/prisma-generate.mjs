// Runs `prisma generate` without downloading Prisma's native schema engine.
// Generating the client does not use the engine, but the CLI fetches it at
// start-up unless PRISMA_SCHEMA_ENGINE_BINARY names an executable, and the
// download is not possible on every machine. The placeholder below is only
// ever given to `generate`; it refuses to do anything else, because
// `prisma migrate` with a do-nothing engine reports success and applies
// nothing. Migrations are applied by `npm run db:migrate`.
import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

const env = { ...process.env };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY) {
  const dir = path.resolve("node_modules/.cache/prisma-placeholder");
  const file = path.join(dir, "schema-engine");
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    file,
    '#!/bin/sh\necho "placeholder schema engine: use npm run db:migrate, not prisma migrate" >&2\nexit 1\n',
  );
  chmodSync(file, 0o755);
  env.PRISMA_SCHEMA_ENGINE_BINARY = file;
}

const result = spawnSync("npx", ["--no-install", "prisma", "generate"], { stdio: "inherit", env });
process.exit(result.status ?? 1);
