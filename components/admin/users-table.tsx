import Link from "next/link";
import type { UserRow } from "@/lib/admin";
import { DataTable, TD } from "./data-table";
import { GrantBadges } from "./grant-badges";
import { PlacePermissionsList } from "./place-permissions";

export function UsersTable({ rows }: { rows: UserRow[] }) {
  return (
    <DataTable
      label="Users"
      minWidth="min-w-[52rem]"
      columns={["Name", "Email", "Roles", "Permissions", "Status"]}
      rows={rows}
    >
      {(u) => (
        <tr key={u.id}>
          <th scope="row" className={`${TD} font-medium`}>
            <Link href={`/admin/users/${u.id}`} className="text-indigo-700 hover:underline">
              {u.name}
            </Link>
          </th>
          <td data-label="Email" className={`${TD} break-all text-slate-700`}>
            {u.email}
          </td>
          <td data-label="Roles" className={TD}>
            <GrantBadges grants={u.roles} memberships={u.memberships} label={`Roles of ${u.name}`} />
          </td>
          <td data-label="Permissions" className={TD}>
            <PlacePermissionsList places={u.places} label={`Permissions of ${u.name}`} />
          </td>
          <td data-label="Status" className={TD}>
            {u.disabled ? (
              <span className="rounded-full bg-red-50 px-2.5 py-0.5 text-xs font-medium text-red-800">
                Disabled
              </span>
            ) : (
              <span className="text-slate-600">Active</span>
            )}
          </td>
        </tr>
      )}
    </DataTable>
  );
}
