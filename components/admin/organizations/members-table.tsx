import { describeEnd } from "@/lib/admin/format";
import type { ProtectedAction } from "@/lib/actions";
import type { OrganizationMember } from "@/lib/admin";
import { ConfirmActionForm } from "../../confirm-action-form";
import { DataTable, TD } from "../data-table";
import { MemberExpiryForm } from "./organization-forms";

type Props = {
  organization: { id: string; name: string };
  members: OrganizationMember[];
  remove: ProtectedAction;
  changeEnd: ProtectedAction;
};

/** One row per role a member holds here, with its end and the actions on it. */
export function MembersTable({ organization, members, remove, changeEnd }: Props) {
  return (
    <DataTable
      label={`Members of ${organization.name}`}
      minWidth="min-w-[40rem]"
      columns={["Member", "Role", "Ends", "Actions"]}
      rows={members}
      empty="No members yet."
    >
      {(m) => (
        <tr key={`${m.userId}:${m.roleId}`}>
          <th scope="row" className={`${TD} font-medium`}>
            {m.name} <span className="block text-xs font-normal text-slate-600">{m.email}</span>
          </th>
          <td data-label="Role" className={TD}>
            {m.roleName}
          </td>
          <td data-label="Ends" className={`${TD} text-slate-700`}>
            {describeEnd(m.expiresAt)}
          </td>
          <td className={`${TD} space-y-2`}>
            <MemberExpiryForm action={changeEnd} organizationId={organization.id} member={m} />
            <ConfirmActionForm
              action={remove}
              fields={{ organizationId: organization.id, userId: m.userId, roleId: m.roleId }}
              label={`Remove ${m.roleName}`}
              pendingLabel="Removing…"
              confirm={{
                question: `Take ${m.roleName} in ${organization.name} away from ${m.name}?`,
                confirmLabel: "Yes, remove",
              }}
            />
          </td>
        </tr>
      )}
    </DataTable>
  );
}
