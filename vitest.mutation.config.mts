// The tests StrykerJS runs against each mutant (npm run test:mutation): the
// unit tests, and the integration tests that exercise the mutated modules
// (lib/auth, lib/live, lib/permissions, lib/actions, lib/tenancy, lib/admin/guards.ts,
// proxy.ts), on
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
      "test/unit/{access-token,actions,auth-edges,auth-guards,auth-wiring,authenticate,callback-url,change-listener,change-listener-events,change-listener-heartbeat,claims,client-address,client-claims,current-session,events-route,freshness,guards,json-body,last-seen,organization-choice,password,permission-stream,permissions,proxy,proxy-bearer,role-memo,route-guard,session-lifetime,session-token,sign-in-messages,signing-key-env,stamp-cache,tenant-scope,token-codec,unavailable-log}.test.ts",
      // Each file makes (and seeds) a database for every mutant it covers: only those that prove a layer.
      "test/integration/{stale-session-actions,action-settles,next-auth-callbacks,refresh,postgres-sessions,admin-rules,sessions-stay-ended,browser-sessions,token-sessions,signing-keys,sign-in-limits,api-authorization,organizations,organization-authority,organization-api,token-event-stream}.test.ts",
    ],
    env: { TEST_BACKENDS: "postgres" },
    expect: { requireAssertions: true },
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
