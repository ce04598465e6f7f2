// How every signed-in page starts: requirePage(route) takes the page's
// permission from the page table (lib/navigation.ts), so the page, its link
// and the test that lists every page agree. A page any signed-in user may
// open gets requireUser(). A page anyone may open asks visitorOrUser().
// Built on the core's guards (lib/auth/guards.ts).
import "server-only";
import { type CurrentUser, getCurrentUser, requirePermission, requireUser } from "@/lib/auth";
import { PAGES, type PageRoute } from "@/lib/navigation";

export async function requirePage(route: PageRoute): Promise<CurrentUser> {
  const { permission } = PAGES[route];
  return permission === null ? requireUser() : requirePermission(permission);
}

/**
 * Who is signed in, on a page anyone may open (sign-in, an invitation's
 * link): null for a visitor, and null too when the session cannot be checked
 * (the database is down), so the page shows itself as to a visitor.
 */
export async function visitorOrUser(): Promise<CurrentUser | null> {
  try {
    return await getCurrentUser();
  } catch {
    return null;
  }
}
