import Link from "next/link";
import { formatCount } from "@/lib/admin/format";
import type { RoleSummary } from "@/lib/admin";
import { DataTable, TD } from "./data-table";

export function RolesTable({ roles }: { roles: RoleSummary[] }) {
  return (
    <DataTable
      label="Roles"
      minWidth="min-w-[36rem]"
      columns={["Role", "Description", "Members", "Permissions"]}
      rows={roles}
      empty="No roles yet."
    >
      {(r) => (
        <tr key={r.id}>
          <th scope="row" className={`${TD} font-medium`}>
            <Link href={`/admin/roles/${r.id}`} className="text-indigo-700 hover:underline">
              {r.name}
            </Link>
          </th>
          <td data-label="Description" className={`${TD} text-slate-700`}>
            {r.description || "—"}
          </td>
          <td data-label="Members" className={TD}>
            <Link href={`/admin/users?role=${r.id}`} className="text-indigo-700 hover:underline">
              {formatCount(r.memberCount, "member")}
            </Link>
          </td>
          <td data-label="Permissions" className={`${TD} text-slate-700`}>
            {r.permissions.length}
          </td>
        </tr>
      )}
    </DataTable>
  );
}
