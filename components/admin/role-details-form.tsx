"use client";

import type { ProtectedAction } from "@/lib/actions/protected-action";
import { FormMessage } from "../form-message";
import { SubmitButton } from "../submit-button";
import { TextField } from "./field";
import { StrayErrors } from "./stray-errors";
import { useActionForm } from "./use-action-form";

type Props = {
  action: ProtectedAction;
  role: { id: string; name: string; description: string; version: number };
  /** The built-in Admin role keeps its name. */
  nameLocked: boolean;
};

/** Rename and describe; carries the role's version, so an edit over someone else's is refused. */
export function RoleDetailsForm({ action, role, nameLocked }: Props) {
  const { state, formRef, onSubmit, formAction, errors, strayErrors } = useActionForm(action);
  return (
    <form
      // A new version from the server (after a save, or someone else's) resets the fields to it.
      key={role.version}
      ref={formRef}
      action={formAction}
      onSubmit={onSubmit}
      noValidate
      aria-labelledby="role-details-title"
      className="space-y-4 rounded-lg border border-slate-200 bg-white p-5"
    >
      <h2 id="role-details-title" className="font-semibold">
        Details
      </h2>
      <input type="hidden" name="roleId" value={role.id} />
      <input type="hidden" name="version" value={role.version} />
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
      <SubmitButton pendingLabel="Saving…">Save</SubmitButton>
      <FormMessage state={state} />
      <StrayErrors errors={strayErrors(["name", "description"])} />
    </form>
  );
}
