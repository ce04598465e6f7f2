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
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["test/unit/**/*.test.ts"],
          environment: "node",
          expect,
          // Starting PGlite (migrate.test.ts) takes seconds on a busy machine.
          hookTimeout: 30_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["test/integration/**/*.test.ts"],
          environment: "node",
          expect,
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // Each file makes its own databases; files run in parallel on the 2 cores.
          fileParallelism: true,
        },
      },
    ],
  },
});
