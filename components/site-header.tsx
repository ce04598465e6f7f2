"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { visibleNav } from "@/lib/navigation";
import { OrganizationSwitcher } from "./organization-switcher";
import { usePermissions } from "./permissions-provider";
import { SignOutButton } from "./sign-out-button";

/** The links follow the client's permission list, so they change without a reload. */
export function SiteHeader({ email }: { email: string }) {
  const { permissions } = usePermissions();
  // Typed nullable because pages/ exists (for one API route); never null under the App Router.
  const pathname = usePathname() ?? "";
  const isCurrent = (href: string) => (href === "/" ? pathname === "/" : pathname.startsWith(href));
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
        <Link href="/" className="font-semibold">
          Live Authz
        </Link>
        <nav aria-label="Main" className="flex flex-1 flex-wrap gap-x-4 gap-y-1 text-sm">
          {visibleNav(permissions).map((item) => (
            <Link
              key={item.href}
              href={item.href}
              aria-current={isCurrent(item.href) ? "page" : undefined}
              className="rounded px-1 py-0.5 hover:underline aria-[current=page]:font-semibold aria-[current=page]:text-indigo-700"
            >
              {item.label}
            </Link>
          ))}
        </nav>
        <OrganizationSwitcher />
        <span className="text-sm text-slate-600">{email}</span>
        <SignOutButton />
      </div>
    </header>
  );
}
