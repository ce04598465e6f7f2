import Link from "next/link";
import type { CurrentUser } from "@/lib/auth/dal";
import { SignOutButton } from "./sign-out-button";

export function SiteHeader({ user }: { user: CurrentUser }) {
  const canReadReports = user.permissions.includes("reports.read");
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
        <Link href="/" className="font-semibold">
          Live Authz
        </Link>
        <nav aria-label="Main" className="flex flex-1 gap-4 text-sm">
          <Link href="/" className="hover:underline">
            Home
          </Link>
          {canReadReports && (
            <Link href="/reports" className="hover:underline">
              Reports
            </Link>
          )}
        </nav>
        <span className="text-sm text-slate-600">{user.email}</span>
        <SignOutButton />
      </div>
    </header>
  );
}
