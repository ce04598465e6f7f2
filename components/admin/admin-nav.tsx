"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { ADMIN_NAV, visibleNav } from "@/lib/navigation";
import { LinkPending } from "../link-pending";
import { useClaims } from "../claims-provider";

/** The admin sections this user may open, following the live permission list. */
export function AdminNav() {
  const { permissions } = useClaims();
  // Typed nullable because pages/ exists (for one API route); never null under the App Router.
  const pathname = usePathname() ?? "";
  const items = visibleNav(permissions, ADMIN_NAV);
  if (items.length === 0) return null;
  return (
    <nav aria-label="Admin" className="mb-6 border-b border-slate-200">
      <ul className="-mb-px flex gap-1 overflow-x-auto">
        {items.map((item) => (
          <li key={item.href}>
            <Link
              href={item.href}
              aria-current={pathname.startsWith(item.href) ? "page" : undefined}
              className="relative inline-block border-b-2 border-transparent px-3 py-2 text-sm font-medium whitespace-nowrap text-slate-600 hover:border-slate-300 hover:text-slate-900 aria-[current=page]:border-indigo-600 aria-[current=page]:text-indigo-700"
            >
              {item.label}
              <LinkPending />
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
