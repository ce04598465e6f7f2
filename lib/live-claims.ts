// This app's side of the core (lib/auth/host.ts): its database, the stamp
// cache that its change listener keeps exact (lib/live), organizations as the
// claims extension (lib/tenancy), and its own sign-in page. instrumentation.ts
// calls configureAppLiveClaims() once per server process; the unit and
// integration tests do too (test/support/live-claims.ts).
//
// The database and the listener are imported on first use, not with this
// file: nothing opens at start-up or during `next build`, and a test that
// replaces lib/live/instance (vi.mock) is heard here too.
import { configureLiveClaims } from "@/lib/auth/host";
import { PUBLIC_PAGES } from "@/lib/navigation";
import { organizationClaims } from "@/lib/tenancy/claims-extension";

/** A module imported once, on first use: concurrent first requests share the one import. */
function onFirstUse<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () => (loading ??= load());
}

const dbClient = onFirstUse(() => import("@/lib/db/client"));
const live = onFirstUse(() => import("@/lib/live/instance"));

export function configureAppLiveClaims(): void {
  configureLiveClaims({
    prisma: async () => (await dbClient()).getPrisma(),
    stampCache: async () => (await (await live()).liveInstance()).cache,
    claimsExtension: organizationClaims,
    signInPage: PUBLIC_PAGES[0],
  });
}
