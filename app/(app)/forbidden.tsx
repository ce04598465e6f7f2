"use client";

import { usePathname } from "next/navigation";
import { NotAllowed } from "@/components/not-allowed";
import { acceptedPermissions, PAGES, routeOf } from "@/lib/navigation";

/**
 * What a signed-in page shows instead of itself when its guard calls
 * forbidden() (answered with 403), inside the signed-in shell. Next renders
 * this boundary once for the shell and keeps it across client navigations, so
 * it reads the page's permission from the current path and the page table
 * (lib/navigation.ts) in the browser, never from the render that made it.
 */
export default function Forbidden() {
  const pathname = usePathname(); // null only under the Pages Router, which never renders this
  const route = pathname ? routeOf(pathname) : null;
  return <NotAllowed permission={route ? acceptedPermissions(PAGES[route]) : []} />;
}
