import type { DemoAccount } from "./sign-in-form";

/**
 * The seed's demo accounts, offered as one-click fills on the sign-in page in
 * development. The seed's own list is lib/db/demo-data.ts, which the UI may
 * not import; a unit test (test/unit/demo-accounts.test.ts) holds the two together.
 */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { label: "Admin", email: "admin@example.com", password: "demo1234" },
  { label: "Editor", email: "editor@example.com", password: "demo1234" },
  { label: "Viewer", email: "viewer@example.com", password: "demo1234" },
];
