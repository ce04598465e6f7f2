"use client";

import type { ProtectedAction } from "@/lib/actions";
import { ActionForm } from "./action-form";
import { SelectField, TextField } from "./field";
import { RoleOptions } from "./role-options";
import { localTimeToIso } from "./use-action-form";

type Props = {
  action: ProtectedAction;
  userId: string;
  /** The user's permissionsUpdatedAt this page was rendered from. */
  permissionsUpdatedAt: number;
  roles: { id: string; name: string }[];
};

export function GrantRoleForm({ action, userId, permissionsUpdatedAt, roles }: Props) {
  return (
    <ActionForm
      action={action}
      resetOnSuccess
      prepare={localTimeToIso("expiresAt")}
      title={{ id: "grant-role-title", text: "Add a role", as: "h3", className: "text-sm font-semibold" }}
      hidden={{ userId, permissionsUpdatedAt }}
      visibleFields={["roleId", "expiresAt"]}
      submit={{ label: "Add role", pendingLabel: "Adding…" }}
      className="mt-4 space-y-3 rounded-lg border border-slate-200 bg-slate-50 p-4"
    >
      {(errors) => (
        <div className="grid gap-3 sm:grid-cols-2">
          <SelectField name="roleId" label="Role" defaultValue="" required errors={errors("roleId")}>
            <option value="" disabled>
              Choose a role…
            </option>
            <RoleOptions roles={roles} />
          </SelectField>
          <TextField
            name="expiresAt"
            label="Ends (optional, your local time)"
            type="datetime-local"
            step={1}
            hint="Leave empty for a grant that does not end."
            errors={errors("expiresAt")}
          />
        </div>
      )}
    </ActionForm>
  );
}
