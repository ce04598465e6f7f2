import type { DemoAccount } from "./sign-in-form";

/**
 * The seed's demo accounts, global and organization ones, offered as one-click
 * sign-ins on the sign-in page in development. The seed's own list is lib/db/demo-data.ts, which the UI may
 * not import; a unit test (test/unit/demo-accounts.test.ts) holds the two together.
 */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { label: "Admin", email: "admin@example.com", password: "demo1234" },
  { label: "Editor", email: "editor@example.com", password: "demo1234" },
  { label: "Viewer", email: "viewer@example.com", password: "demo1234" },
  { label: "Ann (Acme)", email: "ann@acme.example.com", password: "demo1234" },
  { label: "Gus (Globex)", email: "gus@globex.example.com", password: "demo1234" },
  { label: "Mia (Acme, Globex)", email: "mia@example.com", password: "demo1234" },
];
