import { describeEnd } from "@/lib/admin/format";
import type { EffectivePermission } from "@/lib/admin/user-detail";
import { ScrollRegion, TD, TH } from "./scroll-region";

/** Each permission the user holds right now, and the grants it comes from. */
export function EffectivePermissions({ items }: { items: EffectivePermission[] }) {
  if (items.length === 0) {
    return (
      <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-sm">
        No permissions: this user can sign in, and nothing more.
      </p>
    );
  }
  return (
    <ScrollRegion label="Effective permissions">
      <table className="w-full min-w-[32rem]">
        <thead className="bg-slate-50">
          <tr>
            <th scope="col" className={TH}>
              Permission
            </th>
            <th scope="col" className={TH}>
              Allows
            </th>
            <th scope="col" className={TH}>
              Granted through
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200">
          {items.map((e) => (
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
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
