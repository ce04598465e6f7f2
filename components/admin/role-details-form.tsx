"use client";

import type { ProtectedAction } from "@/lib/actions";
import { ActionForm } from "./action-form";
import { TextField } from "./field";

type Props = {
  action: ProtectedAction;
  role: { id: string; name: string; description: string; version: number };
  /** The built-in Admin role keeps its name. */
  nameLocked: boolean;
};

/** Rename and describe; carries the role's version, so an edit over someone else's is refused. */
export function RoleDetailsForm({ action, role, nameLocked }: Props) {
  return (
    <ActionForm
      action={action}
      // A new version from the server (after a save, or someone else's) resets the fields to it.
      formKey={role.version}
      title={{ id: "role-details-title", text: "Details", as: "h2", className: "font-semibold" }}
      hidden={{ roleId: role.id, version: role.version }}
      visibleFields={["name", "description"]}
      submit={{ label: "Save", pendingLabel: "Saving…" }}
      className="space-y-4 rounded-lg border border-slate-200 bg-white p-5"
    >
      {(errors) => (
        <>
          <TextField
            name="name"
            label="Name"
            defaultValue={role.name}
            readOnly={nameLocked}
            hint={nameLocked ? "The built-in Admin role keeps its name." : undefined}
            required
            errors={errors("name")}
          />
          <TextField
            name="description"
            label="Description"
            defaultValue={role.description}
            errors={errors("description")}
          />
        </>
      )}
    </ActionForm>
  );
}
