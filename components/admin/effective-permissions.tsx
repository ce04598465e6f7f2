import { describeEnd } from "@/lib/admin/format";
import type { EffectivePermission } from "@/lib/admin";
import { DataTable, TD } from "./data-table";

type Props = {
  items: EffectivePermission[];
  /** Names the table, e.g. "Effective permissions in Acme". */
  label: string;
  empty: string;
  /** In an organization's table, grants through a global role say so. */
  markGlobal?: boolean;
};

/** Each permission the user holds right now in one place, and the grants it comes from. */
export function EffectivePermissions({ items, label, empty, markGlobal = false }: Props) {
  return (
    <DataTable
      label={label}
      minWidth="min-w-[32rem]"
      columns={["Permission", "Allows", "Granted through"]}
      rows={items}
      empty={empty}
    >
      {(e) => (
        <tr key={e.permission}>
          <th scope="row" className={`${TD} font-mono font-normal`}>
            {e.permission}
          </th>
          <td className={`${TD} text-slate-700`}>{e.description}</td>
          <td className={TD}>
            {e.via.map((v, i) => (
              <span key={`${v.roleId}:${v.global}`}>
                {i > 0 && ", "}
                {v.roleName}
                {markGlobal && v.global && <span className="text-slate-600"> (global role)</span>}
                {v.expiresAt && <span className="text-amber-900">{describeEnd(v.expiresAt)}</span>}
              </span>
            ))}
          </td>
        </tr>
      )}
    </DataTable>
  );
}
