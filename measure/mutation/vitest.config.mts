// The tests StrykerJS runs against each mutant (npm run test:mutation): the
// unit tests, and the integration tests that exercise the mutated modules
// (./stryker.config.mjs), on
// PostgreSQL only (TEST_BACKENDS), which halves the run; PGlite runs the same
// code above the driver. Stryker runs the files one at a time.
import path from "node:path";
import { defineConfig } from "vitest/config";

/** The project root, two folders up: the test paths below are relative to it. */
const root = path.resolve(import.meta.dirname, "../..");

const alias = {
  "@": root,
  "server-only": path.resolve(root, "test/support/server-only-stub.ts"),
};

export default defineConfig({
  root,
  resolve: { alias },
  test: {
    name: "mutation",
    environment: "node",
    include: [
      "test/unit/{access-change,access-token,actions,app-fetch,auth-edges,auth-guards,auth-wiring,authenticate,callback-url,change-channel,change-listener,change-listener-events,change-listener-heartbeat,claims,client-address,client-claims,current-session,events-route,format-device,format-time,freshness,guards,health,heartbeat-wheel,identity-providers,json-body,last-seen,listener-currency,live-claims-proxy,navigation,next-auth-route,node-response-sink,notice-timers,organization-choice,organizations,page-registry,password,permission-events,permission-events-reconnect,permission-stream,permissions,permissions-by-place,proxy,proxy-bearer,reconnect-delay,request-edges,role-memo,route-guard,security-headers,session-lifetime,session-token,shared-permission-events,sign-in-messages,signing-key-env,sse-reader,stamp-cache,stream-refusal,stream-registry,sweep,tab-channel,tab-leader,tab-leader-fallback,tab-leader-fallback-timing,tenant-scope,text-validation,token-codec,unavailable-log}.test.ts",
      // Each file makes (and seeds) a database for every mutant it covers: only those that prove a layer.
      // Left out: hostile-input (every action with every hostile value, minutes per mutant) and
      // listener-outage (a 30-second outage); the unit and layer files above cover the same code.
      "test/integration/{stale-session-actions,action-settles,next-auth-callbacks,refresh,postgres-sessions,admin-rules,sessions-stay-ended,browser-sessions,token-sessions,signing-keys,sign-in-limits,api-authorization,organizations,organization-authority,organization-api,token-event-stream,admin-authority,admin-authorization,admin-queries,admin-validation,admin-versions,last-manager-action,role-names,change-detection,truncate-detection,password-change,password-reset,accounts,provider-sign-in,freshness-modes,access-token-expiry,listen-postgres,starved-listener}.test.ts",
    ],
    setupFiles: ["test/support/live-claims.ts"],
    env: { TEST_BACKENDS: "postgres" },
    expect: { requireAssertions: true },
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
