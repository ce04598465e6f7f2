// `prisma generate` without Prisma's native schema engine, which the CLI
// downloads at start-up unless PRISMA_SCHEMA_ENGINE_BINARY names an executable
// (the download is not possible on every machine). Generating does not use the
// engine; the placeholder refuses any other command. The schema is applied by
// the benchmark from schema.sql, never by `prisma migrate`.
import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

const env = { ...process.env };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY) {
  const dir = path.resolve("node_modules/.cache/prisma-placeholder");
  env.PRISMA_SCHEMA_ENGINE_BINARY = path.join(dir, "schema-engine");
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    env.PRISMA_SCHEMA_ENGINE_BINARY,
    '#!/bin/sh\necho "placeholder: generate only" >&2\nexit 1\n',
  );
  chmodSync(env.PRISMA_SCHEMA_ENGINE_BINARY, 0o755);
}
const result = spawnSync("npx", ["--no-install", "prisma", "generate"], { stdio: "inherit", env });
process.exit(result.status ?? 1);
