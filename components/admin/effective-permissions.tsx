import { describeEnd } from "@/lib/admin/format";
import type { EffectivePermission } from "@/lib/admin";
import { DataTable, TD } from "./data-table";

/** Each permission the user holds right now, and the grants it comes from. */
export function EffectivePermissions({ items }: { items: EffectivePermission[] }) {
  return (
    <DataTable
      label="Effective permissions"
      minWidth="min-w-[32rem]"
      columns={["Permission", "Allows", "Granted through"]}
      rows={items}
      empty="No permissions: this user can sign in, and nothing more."
    >
      {(e) => (
        <tr key={e.permission}>
          <th scope="row" className={`${TD} font-mono font-normal`}>
            {e.permission}
          </th>
          <td className={`${TD} text-slate-700`}>{e.description}</td>
          <td className={TD}>
            {e.via.map((v, i) => (
              <span key={v.roleId}>
                {i > 0 && ", "}
                {v.roleName}
                {v.expiresAt && <span className="text-amber-900">{describeEnd(v.expiresAt)}</span>}
              </span>
            ))}
          </td>
        </tr>
      )}
    </DataTable>
  );
}
