// The stage shared by `npm run bench:propagation` and `npm run soak`: a build,
// a fresh PostgreSQL database, two `next start` instances on it with one
// secret, and a plain connection for writing changes as psql would. All of
// it is undone by the cleanup, on success, error or Ctrl-C.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { TokenCodec } from "@/lib/auth/token-codec";
import { type Database, openDatabase } from "@/lib/db/open";
import { cleanUpOnSignals, onCleanup } from "../support/cleanup";
import { assertBuildExists, buildApp, startServer } from "../support/next-server";
import { createBenchDatabase } from "./database";

export type TwoInstances = {
  /** Base URLs of instance A and instance B. */
  instances: [string, string];
  /** Encodes session cookies the instances accept (they share its secret). */
  codec: TokenCodec;
  db: Database;
  writer: pg.Client;
};

export async function startTwoInstances({ build }: { build: boolean }): Promise<TwoInstances> {
  cleanUpOnSignals();
  if (build) await buildApp();
  else assertBuildExists();
  const adminUrl = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
  const databaseUrl = await createBenchDatabase(adminUrl);
  const secret = randomBytes(32).toString("base64");
  const env = {
    NODE_ENV: "production",
    NEXTAUTH_SECRET: secret,
    DATABASE_URL: databaseUrl,
    AUTH_SECURE_COOKIES: "false",
  };
  const a = await startServer("A", env);
  const b = await startServer("B", env);
  const db = await openDatabase({ kind: "postgres", url: databaseUrl });
  onCleanup("close the script's connections", () => db.close());
  const writer = new pg.Client({ connectionString: databaseUrl });
  await writer.connect();
  onCleanup("close the writer", () => writer.end());
  return { instances: [a.baseUrl, b.baseUrl], codec: new TokenCodec(secret), db, writer };
}
