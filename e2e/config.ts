// Values shared by playwright.config.ts and the specs. The run id is fixed in
// the runner process and inherited by its workers, so both name the same database.
import { DEMO_PASSWORD, DEMO_USERS, type DemoUser, demoPermissions, demoRoleNames } from "@/lib/db/demo-data";
import type { Permission } from "@/lib/permissions/catalogue";
import { DEFAULT_TEST_POSTGRES_URL } from "../scripts/support/test-postgres";

process.env.E2E_RUN_ID ??= `${Date.now()}_${process.pid}`;

export const PORT = Number(process.env.E2E_PORT ?? 3210);
export const BASE_URL = `http://127.0.0.1:${PORT}`;
/** Shared by every instance the suite starts, so a session cookie is valid on all of them. */
export const E2E_SECRET = "e2e-secret-that-is-long-enough-for-the-checks";
export const RUN_ID = process.env.E2E_RUN_ID;

/**
 * The suite's OpenID Connect issuer (e2e/oidc-issuer.ts, a real oidc-provider
 * on this machine) and the one client it knows: this app, by the values the
 * server gets as AUTH_OIDC_* (playwright.config.ts).
 */
export const OIDC_ISSUER = `http://127.0.0.1:${PORT + 7}`;
export const OIDC_CLIENT = {
  id: "live-authz-e2e",
  secret: "e2e-oidc-client-secret-long-enough",
  redirectUri: `${BASE_URL}/api/auth/callback/oidc`,
  /** The button's words on the sign-in page (AUTH_OIDC_NAME). */
  name: "Example SSO",
};

/**
 * The e2e server's database: PostgreSQL by default, where every spec runs, or
 * PGlite (E2E_DATABASE=pglite), the app's own default, where the specs that
 * change data in SQL are left out (playwright.config.ts). `npm run test:e2e`
 * runs both passes (scripts/e2e.ts).
 */
export const E2E_DATABASE = parseDatabase(process.env.E2E_DATABASE);

/** PostgreSQL database for this run, on the TEST_POSTGRES_URL server; none on PGlite. */
export const E2E_DATABASE_URL =
  E2E_DATABASE === "postgres"
    ? withDatabase(process.env.TEST_POSTGRES_URL || DEFAULT_TEST_POSTGRES_URL, `authz_e2e_${RUN_ID}`)
    : undefined;

function parseDatabase(value: string | undefined): "postgres" | "pglite" {
  if (value === undefined || value === "" || value === "postgres") return "postgres";
  if (value === "pglite") return "pglite";
  throw new Error(`E2E_DATABASE must be "postgres" or "pglite", got "${value}"`);
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** The demo users, by role ("admin", "editor", "viewer"), with what the seed gives them. */
export const PERSONAS = Object.fromEntries(
  DEMO_USERS.map((user) => [
    user.role.toLowerCase(),
    { ...user, permissions: demoPermissions(user), roles: demoRoleNames(user) },
  ]),
) as unknown as {
  [P in Persona]: DemoUser & {
    role: Capitalize<P>;
    permissions: readonly Permission[];
    /** What the claims name at sign-in: the global role, and the demo organization's membership role. */
    roles: readonly string[];
  };
};

export type Persona = Lowercase<DemoUser["role"]>;

export const PASSWORD = DEMO_PASSWORD;

/** One folder per pass: the two passes may run at once (npm test), each against its own server. */
export const storageStatePath = (persona: Persona) => `e2e/.auth/${E2E_DATABASE}/${persona}.json`;
