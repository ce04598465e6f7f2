import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PermissionMatrix } from "@/components/admin/permission-matrix";
import { RoleDetailsForm } from "@/components/admin/role-details-form";
import { RoleMembers } from "@/components/admin/role-members";
import { ConfirmActionForm } from "@/components/confirm-action-form";
import { PageHeader } from "@/components/page-header";
import { formatCount } from "@/lib/admin/format";
import { ADMIN_ROLE, catalogueAreas, getRoleDetail, grantedByRole } from "@/lib/admin";
import { requirePage } from "@/lib/page-guard";
import { parseRouteId } from "@/lib/validations/admin";
import { deleteRole, setRolePermission, updateRole } from "../actions";

export const metadata: Metadata = { title: "Role" };

type Props = { params: Promise<{ id: string }> };

export default async function RoleDetailPage({ params }: Props) {
  await requirePage("/admin/roles/[id]");
  // A malformed id (control characters, too long) is a page that does not exist.
  const id = parseRouteId((await params).id);
  if (!id) notFound();
  const role = await getRoleDetail(id);
  if (!role) notFound();
  const builtIn = role.name === ADMIN_ROLE;
  const warning =
    role.memberCount > 0
      ? `Delete ${role.name}? ${formatCount(role.memberCount, "member")} will lose it and its permissions on their next request.`
      : `Delete ${role.name}? Nobody has it.`;
  return (
    <div>
      <Link href="/admin/roles" className="text-sm text-indigo-700 hover:underline">
        ← Roles
      </Link>
      <PageHeader title={role.name} description={role.description || undefined} />
      <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="space-y-8">
          <RoleDetailsForm action={updateRole} role={role} nameLocked={builtIn} />
          <section aria-labelledby="role-permissions-title">
            <h2 id="role-permissions-title" className="mb-3 font-semibold">
              Permissions
            </h2>
            <PermissionMatrix
              action={setRolePermission}
              roles={[role]}
              areas={catalogueAreas()}
              granted={grantedByRole([role])}
              caption={`Permissions of ${role.name}`}
            />
          </section>
        </div>
        <div className="space-y-6">
          <RoleMembers role={role} />
          <section aria-labelledby="delete-title" className="rounded-lg border border-red-200 bg-white p-5">
            <h2 id="delete-title" className="font-semibold text-red-800">
              Delete role
            </h2>
            {builtIn ? (
              <p className="mt-2 text-sm text-slate-600">The built-in {ADMIN_ROLE} role cannot be deleted.</p>
            ) : (
              <div className="mt-2 space-y-3">
                <p className="text-sm text-slate-700">
                  {role.memberCount > 0
                    ? `${formatCount(role.memberCount, "member")} will lose this role.`
                    : "Nobody has this role."}{" "}
                  The audit log keeps its history.
                </p>
                <ConfirmActionForm
                  action={deleteRole}
                  fields={{ roleId: role.id, version: role.version, members: role.memberCount }}
                  label="Delete role"
                  pendingLabel="Deleting…"
                  confirm={{ question: warning, confirmLabel: "Yes, delete" }}
                />
              </div>
            )}
          </section>
        </div>
      </div>
    </div>
  );
}
