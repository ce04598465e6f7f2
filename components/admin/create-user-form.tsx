"use client";

import type { ProtectedAction } from "@/lib/actions";
import { ActionForm } from "./action-form";
import { SelectField, TextField } from "./field";
import { RoleOptions } from "./role-options";

type Props = { action: ProtectedAction; roles: { id: string; name: string }[] };

/** A new account with an initial password and, optionally, a first role. The password is never sent back. */
export function CreateUserForm({ action, roles }: Props) {
  return (
    <ActionForm
      action={action}
      resetOnSuccess
      title={{ id: "create-user-title", text: "Create user", as: "h2", className: "font-semibold" }}
      submit={{ label: "Create user", pendingLabel: "Creating…" }}
      className="space-y-4 rounded-lg border border-slate-200 bg-white p-5"
    >
      {(errors) => (
        <>
          <TextField
            name="email"
            label="Email"
            type="email"
            autoComplete="off"
            required
            errors={errors("email")}
          />
          <TextField name="name" label="Name" autoComplete="off" required errors={errors("name")} />
          <TextField
            name="password"
            label="Initial password"
            type="password"
            autoComplete="new-password"
            required
            hint="At least 8 characters. Share it with the user privately."
            errors={errors("password")}
          />
          <SelectField name="roleId" label="First role (optional)" defaultValue="" errors={errors("roleId")}>
            <option value="">No role</option>
            <RoleOptions roles={roles} />
          </SelectField>
        </>
      )}
    </ActionForm>
  );
}
