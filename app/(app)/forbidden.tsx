"use client";

import { usePathname } from "next/navigation";
import { useClaims } from "@/components/claims-provider";
import { NotAllowed } from "@/components/not-allowed";
import { acceptedPermissions, mayOpen, PAGES, routeOf } from "@/lib/navigation";

/**
 * What a signed-in page shows instead of itself when its guard calls
 * forbidden() (answered with 403), inside the signed-in shell. Next renders
 * this boundary once for the shell and keeps it across client navigations, so
 * it reads the page's permission from the current path and the page table
 * (lib/navigation.ts) in the browser, never from the render that made it.
 * Next also keeps it when the page is refreshed, so once the live permission
 * list lets the user in, it offers the page instead of refusing it.
 */
export default function Forbidden() {
  const { permissions } = useClaims();
  const pathname = usePathname(); // null only under the Pages Router, which never renders this
  const route = pathname ? routeOf(pathname) : null;
  if (route && mayOpen(permissions, PAGES[route])) {
    return (
      <section
        role="status"
        className="rounded-lg border border-emerald-200 bg-emerald-50 p-6 text-emerald-900"
      >
        <h1 className="text-lg font-semibold">You can open this page now</h1>
        <p className="mt-1">
          {/* A full load: Next keeps this boundary until the page is loaded again. */}
          <a href={pathname ?? "/"} className="font-medium underline">
            Open it
          </a>
        </p>
      </section>
    );
  }
  return <NotAllowed permission={route ? acceptedPermissions(PAGES[route]) : []} />;
}
