import { formatTime } from "@/lib/admin/format";
import type { ProtectedAction } from "@/lib/actions";
import type { OrganizationInvitation } from "@/lib/admin";
import { ConfirmActionForm } from "../../confirm-action-form";
import { DataTable, TD } from "../data-table";
import { AwaitingAnswers } from "./awaiting-answers";

type Props = {
  organization: { id: string; name: string };
  invitations: OrganizationInvitation[];
  revoke: ProtectedAction;
};

/** The invitations still waiting for an answer; revoking one makes its link stop working. */
export function InvitationsTable({ organization, invitations, revoke }: Props) {
  if (invitations.length === 0) return null;
  return (
    <>
      <AwaitingAnswers />
      <DataTable
        label={`Open invitations to ${organization.name}`}
        minWidth="min-w-[32rem]"
        columns={["Address", "Role", "Open until", "Actions"]}
        rows={invitations}
        empty="No open invitations."
      >
        {(i) => (
          <tr key={i.id}>
            <th scope="row" className={`${TD} font-medium`}>
              {i.email}
            </th>
            <td data-label="Role" className={TD}>
              {i.role}
            </td>
            <td data-label="Open until" className={`${TD} text-slate-700`}>
              {formatTime(i.expiresAt)}
            </td>
            <td className={TD}>
              <ConfirmActionForm
                action={revoke}
                fields={{ organizationId: organization.id, invitationId: i.id }}
                label={`Revoke the invitation of ${i.email}`}
                pendingLabel="Revoking…"
                confirm={{ question: `Revoke the invitation of ${i.email}?`, confirmLabel: "Yes, revoke" }}
              />
            </td>
          </tr>
        )}
      </DataTable>
    </>
  );
}
