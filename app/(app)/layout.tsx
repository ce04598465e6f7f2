import { PermissionsProvider } from "@/components/permissions-provider";
import { SiteHeader } from "@/components/site-header";
import { claimsOf, requireUser } from "@/lib/auth";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  return (
    <PermissionsProvider userId={user.id} initial={await claimsOf(user)}>
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-10 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        Skip to content
      </a>
      <SiteHeader email={user.email} />
      <main id="main" className="mx-auto max-w-6xl px-4 py-8">
        {children}
      </main>
    </PermissionsProvider>
  );
}
