import { claimsOf, getCurrentUser } from "@/lib/auth";
import { AdoptClaims } from "./adopt-claims";

/**
 * Hands the claims of this render to the browser (AdoptClaims), for every
 * signed-in page: rendered by the sync slot of the shell (app/(app)/@sync),
 * which matches every path there, so Next renders it again on the server for
 * each client-side navigation, refused pages included (a layout or a template
 * would not be). The header's links follow.
 */
export async function ClaimsSync() {
  const user = await getCurrentUser();
  return user ? <AdoptClaims claims={await claimsOf(user)} /> : null;
}
