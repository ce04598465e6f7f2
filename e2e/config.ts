// Values shared by playwright.config.ts and the specs. The run id is fixed in
// the runner process and inherited by its workers, so both name the same database.
process.env.E2E_RUN_ID ??= `${Date.now()}_${process.pid}`;

export const PORT = Number(process.env.E2E_PORT ?? 3210);
export const BASE_URL = `http://127.0.0.1:${PORT}`;
/** Shared by every instance the suite starts, so a session cookie is valid on all of them. */
export const E2E_SECRET = "e2e-secret-that-is-long-enough-for-the-checks";
export const RUN_ID = process.env.E2E_RUN_ID;

const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

/** PostgreSQL database for this run, when e2e runs on PostgreSQL (E2E_POSTGRES=1). */
export const E2E_DATABASE_URL =
  process.env.E2E_POSTGRES === "1" ? withDatabase(ADMIN_URL, `authz_e2e_${RUN_ID}`) : undefined;

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export const PERSONAS = {
  admin: { email: "admin@example.com", name: "Ada Admin", role: "Admin" },
  editor: { email: "editor@example.com", name: "Eddie Editor", role: "Editor" },
  viewer: { email: "viewer@example.com", name: "Vera Viewer", role: "Viewer" },
} as const;

export type Persona = keyof typeof PERSONAS;

export const PASSWORD = "demo1234";

export const storageStatePath = (persona: Persona) => `e2e/.auth/${persona}.json`;
