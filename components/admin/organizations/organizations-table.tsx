import Link from "next/link";
import { formatCount } from "@/lib/admin/format";
import type { OrganizationSummary } from "@/lib/admin";
import { DataTable, TD } from "../data-table";

export function OrganizationsTable({ organizations }: { organizations: OrganizationSummary[] }) {
  return (
    <DataTable
      label="Organizations"
      minWidth="min-w-[28rem]"
      columns={["Organization", "Slug", "Members"]}
      rows={organizations}
      empty="No organizations you manage."
    >
      {(o) => (
        <tr key={o.id}>
          <th scope="row" className={`${TD} font-medium`}>
            <Link href={`/admin/organizations/${o.id}`} className="text-indigo-700 hover:underline">
              {o.name}
            </Link>
          </th>
          <td data-label="Slug" className={`${TD} text-slate-700`}>
            {o.slug}
          </td>
          <td data-label="Members" className={TD}>
            {formatCount(o.members, "member")}
          </td>
        </tr>
      )}
    </DataTable>
  );
}
