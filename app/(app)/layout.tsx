import { AccessNotices } from "@/components/access-notices";
import { LatestMessageScope } from "@/components/latest-message";
import { ClaimsProvider } from "@/components/claims-provider";
import { GrantArrivalProvider } from "@/components/grant-arrival";
import { SiteHeader } from "@/components/site-header";
import { claimsOf, requireUser } from "@/lib/auth";
import { env, freshnessPromise, grantArrival } from "@/lib/env";

type Props = {
  children: React.ReactNode;
  /** app/(app)/@sync: this render's claims, for the browser. */ sync: React.ReactNode;
};

/** The signed-in shell. Layouts are not rendered again on client navigations; the sync slot is. */
export default async function AppLayout({ children, sync }: Props) {
  const user = await requireUser();
  const { freshness, freshnessSeconds } = env();
  return (
    <ClaimsProvider userId={user.id} initial={await claimsOf(user)}>
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-10 focus:rounded focus:bg-white focus:px-3 focus:text-slate-900 focus:py-2"
      >
        Skip to content
      </a>
      {sync}
      <SiteHeader email={user.email} />
      {freshness !== "cached" && freshness !== "strict" && (
        // The pages promise a change on the next request; under these modes that is not so, and they say it.
        <p role="note" className="bg-amber-50 px-4 py-2 text-center text-sm text-amber-900">
          AUTH_FRESHNESS={freshness}: {freshnessPromise(freshness, freshnessSeconds)}
        </p>
      )}
      <main id="main" className="mx-auto max-w-6xl px-4 py-6 md:py-8">
        <GrantArrivalProvider value={grantArrival(freshness, freshnessSeconds)}>
          <LatestMessageScope>{children}</LatestMessageScope>
        </GrantArrivalProvider>
      </main>
      <AccessNotices />
    </ClaimsProvider>
  );
}
