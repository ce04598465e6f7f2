"use client";

import Link from "next/link";
import { useCallback, useRef, useState } from "react";
import type { ProtectedAction } from "@/lib/actions";
import { type ActionState, IDLE } from "@/lib/actions/state";
import type { UserGrant } from "@/lib/admin";
import { ConfirmActionForm } from "../confirm-action-form";
import { FormMessage } from "../form-message";
import { RelativeTime } from "../relative-time";
import { GrantExpiryForm } from "./grant-expiry-form";
import { DataTable, TD } from "./data-table";

type Props = {
  user: { id: string; name: string; permissionsUpdatedAt: number };
  grants: UserGrant[];
  /**
   * Null when the viewer may not change this user's roles: no users.manage, their own
   * account, or a user holding a permission the viewer lacks.
   */
  actions: { revoke: ProtectedAction; changeExpiry: ProtectedAction } | null;
  /** Whether role names link to the role's page (it needs roles.manage). */
  linkRoles: boolean;
};

export function UserGrantsTable({ user, grants, actions, linkRoles }: Props) {
  // A removed grant takes its row, button and message with it: the outcome is
  // reported below the table instead, and focus moves there.
  const [removal, setRemoval] = useState<ActionState>(IDLE);
  const outcome = useRef<HTMLDivElement>(null);
  const revoke = actions?.revoke;
  const revokeAndReport = useCallback(
    async (previous: ActionState, data: FormData) => {
      const result = revoke ? await revoke(previous, data) : IDLE;
      // Failures stay with the row's own form, which is still there to show them.
      setRemoval(result.status === "success" ? result : IDLE);
      if (result.status === "success") outcome.current?.focus();
      return result;
    },
    [revoke],
  );
  return (
    <div ref={outcome} tabIndex={-1} className="space-y-2 outline-none">
      <GrantsTable
        user={user}
        grants={grants}
        actions={actions && { ...actions, revoke: revokeAndReport }}
        linkRoles={linkRoles}
      />
      <FormMessage state={removal} />
    </div>
  );
}

function GrantsTable({ user, grants, actions, linkRoles }: Props) {
  return (
    <DataTable
      label={`Roles of ${user.name}`}
      minWidth="min-w-[36rem]"
      columns={["Role", "Granted", "Ends", ...(actions ? [{ label: "Actions", hidden: true }] : [])]}
      rows={grants}
      empty="No global role. Roles within organizations are listed under Organizations."
    >
      {(g) => (
        <tr key={g.roleId}>
          <th scope="row" className={`${TD} font-medium`}>
            {linkRoles ? (
              <Link href={`/admin/roles/${g.roleId}`} className="text-indigo-700 hover:underline">
                {g.roleName}
              </Link>
            ) : (
              g.roleName
            )}
          </th>
          <td data-label="Granted" className={`${TD} text-slate-700`}>
            <RelativeTime at={g.grantedAt} />
          </td>
          <td data-label="Ends" className={TD}>
            {g.expiresAt === null ? (
              <span className="text-slate-600">Never</span>
            ) : (
              <span className={g.expired ? "text-red-700" : "text-amber-900"}>
                {g.expired ? "Ended " : ""}
                <RelativeTime at={g.expiresAt} />
              </span>
            )}
          </td>
          {actions && (
            <td className={`${TD} space-y-2`}>
              <GrantExpiryForm
                action={actions.changeExpiry}
                userId={user.id}
                roleId={g.roleId}
                roleName={g.roleName}
                permissionsUpdatedAt={user.permissionsUpdatedAt}
              />
              <ConfirmActionForm
                action={actions.revoke}
                fields={{
                  userId: user.id,
                  roleId: g.roleId,
                  permissionsUpdatedAt: user.permissionsUpdatedAt,
                }}
                label={`Remove ${g.roleName}`}
                pendingLabel="Removing…"
                confirm={{
                  question: `Remove ${g.roleName} from ${user.name}?`,
                  confirmLabel: "Yes, remove",
                }}
              />
            </td>
          )}
        </tr>
      )}
    </DataTable>
  );
}
