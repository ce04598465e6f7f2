import Link from "next/link";
import type { UserRow } from "@/lib/admin/users";
import { GrantBadges } from "./grant-badges";
import { ScrollRegion, TD, TH } from "./scroll-region";

export function UsersTable({ rows }: { rows: UserRow[] }) {
  return (
    <ScrollRegion label="Users">
      <table className="w-full min-w-[40rem]">
        <thead className="bg-slate-50">
          <tr>
            <th scope="col" className={TH}>
              Name
            </th>
            <th scope="col" className={TH}>
              Email
            </th>
            <th scope="col" className={TH}>
              Roles
            </th>
            <th scope="col" className={TH}>
              Status
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200">
          {rows.map((u) => (
            <tr key={u.id}>
              <th scope="row" className={`${TD} font-medium`}>
                <Link href={`/admin/users/${u.id}`} className="text-indigo-700 hover:underline">
                  {u.name}
                </Link>
              </th>
              <td className={`${TD} text-slate-700`}>{u.email}</td>
              <td className={TD}>
                <GrantBadges grants={u.roles} label={`Roles of ${u.name}`} />
              </td>
              <td className={TD}>
                {u.disabled ? (
                  <span className="rounded-full bg-red-50 px-2.5 py-0.5 text-xs font-medium text-red-800">
                    Disabled
                  </span>
                ) : (
                  <span className="text-slate-600">Active</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
