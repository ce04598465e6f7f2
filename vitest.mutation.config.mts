// The tests StrykerJS runs against each mutant (npm run test:mutation): the
// unit tests, and the integration tests that exercise the mutated modules
// (lib/auth, lib/live, lib/permissions, lib/actions, lib/admin/guards.ts, proxy.ts), on
// PostgreSQL only (TEST_BACKENDS), which halves the run; PGlite runs the same
// code above the driver. Stryker runs the files one at a time.
import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = {
  "@": path.resolve(import.meta.dirname),
  "server-only": path.resolve(import.meta.dirname, "test/support/server-only-stub.ts"),
};

export default defineConfig({
  resolve: { alias },
  test: {
    name: "mutation",
    environment: "node",
    include: [
      "test/unit/{proxy,route-guard,current-session,auth-guards,freshness,permissions,stamp-cache,session-token,token-codec,change-listener,change-listener-events,actions,authenticate,auth-wiring,claims,guards,auth-edges}.test.ts",
      // Each file makes (and seeds) a database for every mutant it covers: only those that prove a layer.
      "test/integration/{stale-session-actions,action-settles,next-auth-callbacks,refresh,postgres-sessions,admin-rules}.test.ts",
    ],
    env: { TEST_BACKENDS: "postgres" },
    expect: { requireAssertions: true },
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
