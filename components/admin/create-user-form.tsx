"use client";

import type { ProtectedAction } from "@/lib/actions/protected-action";
import { FormMessage } from "../form-message";
import { SubmitButton } from "../submit-button";
import { SelectField, TextField } from "./field";
import { useActionForm } from "./use-action-form";

type Props = { action: ProtectedAction; roles: { id: string; name: string }[] };

/** A new account with an initial password and, optionally, a first role. The password is never sent back. */
export function CreateUserForm({ action, roles }: Props) {
  const { state, formRef, onSubmit, formAction, errors } = useActionForm(action, { resetOnSuccess: true });
  return (
    <form
      ref={formRef}
      action={formAction}
      onSubmit={onSubmit}
      noValidate
      aria-labelledby="create-user-title"
      className="space-y-4 rounded-lg border border-slate-200 bg-white p-5"
    >
      <h2 id="create-user-title" className="font-semibold">
        Create user
      </h2>
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
        {roles.map((r) => (
          <option key={r.id} value={r.id}>
            {r.name}
          </option>
        ))}
      </SelectField>
      <SubmitButton pendingLabel="Creating…">Create user</SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
