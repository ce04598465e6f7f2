// npm run adopt:check: proves docs/ADOPT.md. It generates the minimal
// next-auth app the guide describes in a temporary folder (never committed as
// an app), copies the core and the migrations into it exactly as the guide
// lists them, builds and starts it on a database of its own, signs in through
// next-auth, and changes the user's role in SQL: the next request must see it.
// Steps go to stderr; on success the timings go to stdout. Servers, the
// database and the folder are removed at the end, whatever happened.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import { type CheckDatabase, createCheckDatabase } from "./adopt/database";
import { copiedFiles, guideProblems, readGuide } from "./adopt/guide";
import { proveLiveClaims } from "./adopt/prove";
import { runStep } from "./adopt/run";
import { writeMinimalApp } from "./adopt/write-app";
import { cleanUpOnSignals, onCleanup, runCleanup } from "./support/cleanup";
import { readCommandLine } from "./support/command-line";
import { startServer } from "./support/next-server";
import { redacted, startTestPostgres } from "./support/test-postgres";

const USAGE = `Usage: npm run adopt:check [-- --keep]
  Generates the minimal next-auth app of docs/ADOPT.md in a temporary folder, copies the core
  into it as the guide lists it, builds and starts it, signs in, grants and revokes a role in
  SQL, and checks that the next request sees each change (status, X-Permissions-Updated, cookie).
  --keep   keep the temporary folder afterwards (its path is printed)
  PostgreSQL: TEST_POSTGRES_URL (an admin URL; default the local server), else an embedded one.
  The app's server inherits the environment: AUTH_FRESHNESS=strict npm run adopt:check tries that mode.`;

const ROOT = path.resolve(import.meta.dirname, "..");
const GUIDE = path.join(ROOT, "docs", "ADOPT.md");
const TEMPLATE = path.join(ROOT, "scripts", "adopt", "minimal-app");
const NODE_MODULES = path.join(ROOT, "node_modules");

const BUILD_TIMEOUT_MS = 5 * 60_000;
const GENERATE_TIMEOUT_MS = 2 * 60_000;

const lineCount = (file: string) => readFileSync(file, "utf8").split("\n").length - 1;
const log = (line: string) => console.error(`adopt:check ▸ ${line}`);
const timings: [string, number][] = [];

async function step<T>(name: string, work: () => Promise<T>): Promise<T> {
  log(`${name}…`);
  const started = performance.now();
  const result = await work();
  timings.push([name, performance.now() - started]);
  return result;
}

async function check(keep: boolean): Promise<void> {
  const guide = readGuide(GUIDE);
  const problems = guideProblems(guide, ROOT, TEMPLATE);
  if (problems.length > 0)
    throw new Error(`docs/ADOPT.md does not match the code:\n  ${problems.join("\n  ")}`);
  const files = copiedFiles(guide, ROOT);
  const lines = files.reduce((sum, file) => sum + lineCount(path.join(ROOT, file)), 0);
  log(`the guide copies ${guide.copy.join(", ")} (${files.length} files, ${lines} lines)`);

  const appDir = await step("write the minimal app", () => writeMinimalApp(guide, ROOT, TEMPLATE));
  onCleanup("remove the app's folder", () =>
    keep ? Promise.resolve(log(`kept ${appDir}`)) : rm(appDir, { recursive: true, force: true }),
  );
  log(`the app is in ${appDir}`);

  const postgres = await startTestPostgres(undefined, log);
  onCleanup("stop PostgreSQL", () => postgres.stop());
  const db: CheckDatabase = await createCheckDatabase(postgres.url);
  onCleanup("drop the app's database", () => db.drop());
  log(`database ${redacted(db.url)}`);
  const applied = await step("apply the guide's migrations", () => db.migrate(appDir));
  log(`applied ${applied.join(", ")}`);
  await db.seed();

  const node = process.execPath;
  await step("prisma generate", () =>
    runStep("prisma generate", [node, path.join(ROOT, "scripts", "prisma-generate.mjs")], {
      cwd: appDir,
      timeoutMs: GENERATE_TIMEOUT_MS,
    }),
  );
  await step("next build", () =>
    runStep("next build", [node, path.join(NODE_MODULES, "next", "dist", "bin", "next"), "build"], {
      cwd: appDir,
      timeoutMs: BUILD_TIMEOUT_MS,
    }),
  );
  const server = await step("next start", () =>
    startServer(
      "minimal app",
      { DATABASE_URL: db.url, NEXTAUTH_SECRET: randomBytes(32).toString("base64url") },
      appDir,
    ),
  );
  const proof = await step("sign in, grant, revoke", () => proveLiveClaims(server.baseUrl, db, log));
  timings.push(["  the first request after the grant", proof.grantSeenMs]);
  timings.push(["  the first request after the revocation", proof.revokeSeenMs]);
}

const duration = (ms: number) => (ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`);

async function main(): Promise<number> {
  const { values } = readCommandLine(USAGE, { options: { keep: { type: "boolean" } } });
  cleanUpOnSignals();
  const started = performance.now();
  try {
    await check(values.keep ?? false);
  } catch (error) {
    console.error(`\nadopt:check FAILED: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    await runCleanup();
  }
  console.log("adopt:check passed: the minimal app saw each change on its next request.");
  timings.push(["total, cleanup included", performance.now() - started]);
  for (const [name, ms] of timings) console.log(`  ${name.padEnd(42)} ${duration(ms).padStart(8)}`);
  return 0;
}

main().then((code) => process.exit(code));
