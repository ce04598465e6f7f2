// How every signed-in page starts: requirePage(route) takes the page's
// permission from the page table (lib/navigation.ts), so the page, its link
// and the test that lists every page agree. A page any signed-in user may
// open gets requireUser(). Built on the core's guards (lib/auth/guards.ts).
import "server-only";
import { type CurrentUser, requirePermission, requireUser } from "@/lib/auth";
import { PAGES, type PageRoute } from "@/lib/navigation";

export async function requirePage(route: PageRoute): Promise<CurrentUser> {
  const { permission } = PAGES[route];
  return permission === null ? requireUser() : requirePermission(permission);
}
