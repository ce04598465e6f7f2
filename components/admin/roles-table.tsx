import Link from "next/link";
import { formatCount } from "@/lib/admin/format";
import type { RoleSummary } from "@/lib/admin/roles";
import { ScrollRegion, TD, TH } from "./scroll-region";

export function RolesTable({ roles }: { roles: RoleSummary[] }) {
  if (roles.length === 0) {
    return (
      <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-sm">No roles yet.</p>
    );
  }
  return (
    <ScrollRegion label="Roles">
      <table className="w-full min-w-[36rem]">
        <thead className="bg-slate-50">
          <tr>
            <th scope="col" className={TH}>
              Role
            </th>
            <th scope="col" className={TH}>
              Description
            </th>
            <th scope="col" className={TH}>
              Members
            </th>
            <th scope="col" className={TH}>
              Permissions
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200">
          {roles.map((r) => (
            <tr key={r.id}>
              <th scope="row" className={`${TD} font-medium`}>
                <Link href={`/admin/roles/${r.id}`} className="text-indigo-700 hover:underline">
                  {r.name}
                </Link>
              </th>
              <td className={`${TD} text-slate-700`}>{r.description || "—"}</td>
              <td className={TD}>
                <Link href={`/admin/users?role=${r.id}`} className="text-indigo-700 hover:underline">
                  {formatCount(r.memberCount, "member")}
                </Link>
              </td>
              <td className={`${TD} text-slate-700`}>{r.permissions.length}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
