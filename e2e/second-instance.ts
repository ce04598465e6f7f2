// Instance B: a second `next start` on this run's PostgreSQL database, for the
// specs that prove a change reaches every instance. Started before the spec's
// tests, stopped after them together with the spec's SQL pool.
import { type RunningServer, startServer } from "../scripts/support/next-server";
import { E2E_DATABASE_URL, E2E_SECRET } from "./config";
import { closeSql } from "./database";
import { test } from "./fixtures";

/** Registers instance B for the calling spec; `applicationName` names its connections in pg_stat_activity. */
export function secondInstance(applicationName: string): () => RunningServer {
  let instance: RunningServer | undefined;
  test.beforeAll(async () => {
    instance = await startServer("instance B", {
      NODE_ENV: "production",
      NEXTAUTH_SECRET: E2E_SECRET,
      DATABASE_URL: E2E_DATABASE_URL!,
      PGAPPNAME: applicationName,
    });
  });
  test.afterAll(async () => {
    await instance?.stop();
    await closeSql();
  });
  return () => {
    if (!instance) throw new Error("Instance B has not started (its beforeAll failed).");
    return instance;
  };
}
