import type { Metadata } from "next";
import { CreateRoleForm } from "@/components/admin/create-role-form";
import { PermissionMatrix } from "@/components/admin/permission-matrix";
import { RolesTable } from "@/components/admin/roles-table";
import { PageHeader } from "@/components/page-header";
import { catalogueAreas, grantedByRole, listRoles } from "@/lib/admin";
import { requirePage } from "@/lib/page-guard";
import { rolesQuerySchema } from "@/lib/validations/admin";
import { createRole, setRolePermission } from "./actions";

export const metadata: Metadata = { title: "Roles" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function RolesPage({ searchParams }: Props) {
  await requirePage("/admin/roles");
  const { deleted } = rolesQuerySchema.parse(await searchParams);
  const roles = await listRoles();
  return (
    <div className="space-y-10">
      <div>
        <PageHeader
          title="Roles"
          description="Roles bundle permissions, and users get roles. Members see a change on their next request."
        />
        {deleted && (
          <p
            role="status"
            className="mb-4 rounded-lg border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-900"
          >
            The role was deleted, and its members lost it.
          </p>
        )}
        <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
          <RolesTable roles={roles} />
          <CreateRoleForm action={createRole} />
        </div>
      </div>
      <section aria-labelledby="matrix-title">
        <h2 id="matrix-title" className="text-lg font-semibold">
          Permission matrix
        </h2>
        <p className="mt-1 mb-4 text-sm text-slate-600">
          Tick a box to give a role a permission, untick it to take it away. It is saved at once.
        </p>
        <PermissionMatrix
          action={setRolePermission}
          roles={roles}
          areas={catalogueAreas()}
          granted={grantedByRole(roles)}
          caption="Permissions of each role"
        />
      </section>
    </div>
  );
}
