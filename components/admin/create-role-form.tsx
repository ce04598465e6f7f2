"use client";

import type { ProtectedAction } from "@/lib/actions/protected-action";
import { FormMessage } from "../form-message";
import { SubmitButton } from "../submit-button";
import { TextField } from "./field";
import { useActionForm } from "./use-action-form";

export function CreateRoleForm({ action }: { action: ProtectedAction }) {
  const { state, formRef, onSubmit, formAction, errors } = useActionForm(action, { resetOnSuccess: true });
  return (
    <form
      ref={formRef}
      action={formAction}
      onSubmit={onSubmit}
      noValidate
      aria-labelledby="create-role-title"
      className="space-y-4 rounded-lg border border-slate-200 bg-white p-5"
    >
      <h2 id="create-role-title" className="font-semibold">
        Create role
      </h2>
      <TextField name="name" label="Name" autoComplete="off" required errors={errors("name")} />
      <TextField
        name="description"
        label="Description (optional)"
        autoComplete="off"
        errors={errors("description")}
      />
      <SubmitButton pendingLabel="Creating…">Create role</SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
