// Type-level tests, checked by `npm run typecheck` (never run): a permission
// written by hand must be one the catalogue knows. Each @ts-expect-error line
// is a misspelling the compiler has to refuse; if one of them compiled, the
// directive itself would be the error.
import { Can } from "@/components/claims-provider";
import { NotAllowed } from "@/components/not-allowed";
import { adminAction, protectedAction } from "@/lib/actions";
import { checkPermission, type CurrentUser, requirePermission } from "@/lib/auth";
import { withUser } from "@/lib/sessions";
import type { NavItem } from "@/lib/navigation";
import { z } from "zod";

export function CanTakesCataloguePermissionsOnly() {
  return (
    <>
      <Can permission="users.manage">a permission the catalogue knows</Can>
      {/* @ts-expect-error "user.manage" is not in the catalogue */}
      <Can permission="user.manage">a misspelling</Can>
      {/* @ts-expect-error a permission must be spelt out */}
      <Can permission={"users." + "manage"}>a string built at run time</Can>
      {/* @ts-expect-error "admin" is a role name, and code checks permissions */}
      <NotAllowed permission={["admin"]} />
    </>
  );
}

export async function guardsTakeCataloguePermissionsOnly(user: CurrentUser) {
  await requirePermission(["users.read", "roles.manage"]);
  // @ts-expect-error a misspelling
  await requirePermission("report.read");
  // @ts-expect-error a misspelling
  checkPermission(user, "users.mange");
  // @ts-expect-error permissions do not come as free text
  withUser(() => new Response(), { permission: "reports" });
  // @ts-expect-error a misspelling
  protectedAction({ permission: "users.write", schema: z.object({}), run: async () => ({ status: "idle" }) });
  adminAction({
    // @ts-expect-error a misspelling
    permission: "role.manage",
    schema: z.object({}),
    change: async () => ({ status: "idle" }),
  });
  // @ts-expect-error a nav link goes to a page of the page table, not to any path
  const link: NavItem = { href: "/reprots", label: "Reports" };
  return link;
}
