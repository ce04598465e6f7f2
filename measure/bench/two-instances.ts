// The stage shared by `npm run bench:propagation` and `npm run soak`: a build,
// a fresh PostgreSQL database, two `next start` instances on it with one
// secret, and a plain connection for writing changes as psql would. With
// `gated`, the instances reach PostgreSQL through TCP gates (one for queries,
// one for LISTEN, so that reconnection attempts can be counted apart) that the
// soak cuts to play an outage; the writer always connects directly. All of it
// is undone by the cleanup, on success, error or Ctrl-C.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { TokenCodec } from "@/lib/auth/token-codec";
import { type Database, openDatabase } from "@/lib/db/open";
import { cleanUpOnSignals, onCleanup } from "../../scripts/support/cleanup";
import {
  assertBuildExists,
  buildApp,
  type RunningServer,
  startServer,
} from "../../scripts/support/next-server";
import { startTcpGate, type TcpGate } from "../../scripts/support/tcp-gate";
import { createBenchDatabase } from "./database";

export type Gates = { queries: TcpGate; listens: TcpGate };

export type TwoInstances = {
  /** Base URLs of instance A and instance B. */
  instances: [string, string];
  servers: [RunningServer, RunningServer];
  /** Encodes session cookies the instances accept (they share its secret). */
  codec: TokenCodec;
  db: Database;
  writer: pg.Client;
  gates: Gates | null;
};

export async function startTwoInstances({
  build,
  gated = false,
  settings = {},
}: {
  build: boolean;
  gated?: boolean;
  /** More environment variables for both instances (AUTH_FRESHNESS, say). */
  settings?: Record<string, string>;
}): Promise<TwoInstances> {
  cleanUpOnSignals();
  if (build) await buildApp();
  else assertBuildExists();
  const adminUrl = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
  const databaseUrl = await createBenchDatabase(adminUrl);
  const gates = gated ? await startGates(databaseUrl) : null;
  const secret = randomBytes(32).toString("base64");
  const env = {
    NODE_ENV: "production",
    NEXTAUTH_SECRET: secret,
    DATABASE_URL: gates ? through(databaseUrl, gates.queries) : databaseUrl,
    ...(gates ? { DATABASE_LISTEN_URL: through(databaseUrl, gates.listens) } : {}),
    AUTH_SECURE_COOKIES: "false",
    ...settings,
  };
  const a = await startServer("A", { ...env, PGAPPNAME: "authz-bench-a" });
  const b = await startServer("B", { ...env, PGAPPNAME: "authz-bench-b" });
  const db = await openDatabase({ kind: "postgres", url: databaseUrl });
  onCleanup("close the script's connections", () => db.close());
  const writer = new pg.Client({ connectionString: databaseUrl });
  await writer.connect();
  onCleanup("close the writer", () => writer.end());
  return {
    instances: [a.baseUrl, b.baseUrl],
    servers: [a, b],
    codec: new TokenCodec(secret),
    db,
    writer,
    gates,
  };
}

async function startGates(databaseUrl: string): Promise<Gates> {
  const url = new URL(databaseUrl);
  const server = { host: url.hostname, port: Number(url.port || 5432) };
  const queries = await startTcpGate(server);
  onCleanup("close the query gate", () => queries.close());
  const listens = await startTcpGate(server);
  onCleanup("close the LISTEN gate", () => listens.close());
  return { queries, listens };
}

function through(databaseUrl: string, gate: TcpGate): string {
  const url = new URL(databaseUrl);
  url.port = String(gate.port);
  return url.toString();
}
