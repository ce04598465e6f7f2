"use client";

import type { ProtectedAction } from "@/lib/actions/protected-action";
import { FormMessage } from "../form-message";
import { SubmitButton } from "../submit-button";
import { SelectField, TextField } from "./field";
import { StrayErrors } from "./stray-errors";
import { localTimeToIso, useActionForm } from "./use-action-form";

type Props = {
  action: ProtectedAction;
  userId: string;
  /** The user's version (permission stamp) this page was rendered from. */
  version: number;
  roles: { id: string; name: string }[];
};

export function GrantRoleForm({ action, userId, version, roles }: Props) {
  const { state, formRef, onSubmit, formAction, errors, strayErrors } = useActionForm(action, {
    resetOnSuccess: true,
    prepare: localTimeToIso("expiresAt"),
  });
  return (
    <form
      ref={formRef}
      action={formAction}
      onSubmit={onSubmit}
      noValidate
      aria-labelledby="grant-role-title"
      className="mt-4 space-y-3 rounded-lg border border-slate-200 bg-slate-50 p-4"
    >
      <h3 id="grant-role-title" className="text-sm font-semibold">
        Add a role
      </h3>
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="version" value={version} />
      <div className="grid gap-3 sm:grid-cols-2">
        <SelectField name="roleId" label="Role" defaultValue="" required errors={errors("roleId")}>
          <option value="" disabled>
            Choose a role…
          </option>
          {roles.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}
            </option>
          ))}
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
      <SubmitButton pendingLabel="Adding…">Add role</SubmitButton>
      <FormMessage state={state} />
      <StrayErrors errors={strayErrors(["roleId", "expiresAt"])} />
    </form>
  );
}
