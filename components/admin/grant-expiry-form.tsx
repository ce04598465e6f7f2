"use client";

import type { ProtectedAction } from "@/lib/actions";
import { ActionForm } from "./action-form";
import { TextField } from "./field";
import { localTimeToIso } from "./use-action-form";

type Props = {
  action: ProtectedAction;
  userId: string;
  roleId: string;
  roleName: string;
  permissionsUpdatedAt: number;
};

/** Sets, moves or removes the end of one grant; an empty date means it never ends. */
export function GrantExpiryForm({ action, userId, roleId, roleName, permissionsUpdatedAt }: Props) {
  return (
    <details className="group">
      <summary className="cursor-pointer rounded px-1 text-sm font-medium text-indigo-700 hover:underline">
        Change end<span className="sr-only"> of {roleName}</span>
      </summary>
      <ActionForm
        action={action}
        prepare={localTimeToIso("expiresAt")}
        hidden={{ userId, roleId, permissionsUpdatedAt }}
        visibleFields={["expiresAt"]}
        submit={{ label: "Save end", pendingLabel: "Saving…", variant: "secondary" }}
        className="mt-2 w-64 space-y-2"
      >
        {(errors) => (
          <TextField
            name="expiresAt"
            label={`New end of ${roleName} (your local time)`}
            type="datetime-local"
            step={1}
            hint="Empty: never ends."
            errors={errors("expiresAt")}
          />
        )}
      </ActionForm>
    </details>
  );
}
