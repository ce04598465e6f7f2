import path from "node:path";
import { defineConfig } from "vitest/config";

// A test that runs no assertion fails (expect.hasAssertions() in every test).
const expect = { requireAssertions: true };

const alias = {
  "@": path.resolve(import.meta.dirname),
  // Outside Next, "server-only" would throw on import; tests run server code directly.
  "server-only": path.resolve(import.meta.dirname, "test/support/server-only-stub.ts"),
};

export default defineConfig({
  test: {
    // Vitest's default on 2 cores is one worker. Integration files spend much of
    // their time waiting on a database, so more workers than cores pay off; each
    // file makes its own databases, so they never share state.
    maxWorkers: Number(process.env.VITEST_MAX_WORKERS) || 2,
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["test/unit/**/*.test.ts"],
          setupFiles: ["test/support/live-claims.ts"],
          environment: "node",
          expect,
          // Starting PGlite (migrate.test.ts) takes seconds on a busy machine.
          hookTimeout: 60_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["test/integration/**/*.test.ts"],
          setupFiles: ["test/support/live-claims.ts"],
          globalSetup: ["test/support/pglite-image.ts"],
          environment: "node",
          expect,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
