"use client";

import type { ProtectedAction } from "@/lib/actions";
import { ActionForm } from "./action-form";
import { TextField } from "./field";

export function CreateRoleForm({ action }: { action: ProtectedAction }) {
  return (
    <ActionForm
      action={action}
      resetOnSuccess
      title={{ id: "create-role-title", text: "Create role", as: "h2", className: "font-semibold" }}
      submit={{ label: "Create role", pendingLabel: "Creating…" }}
      className="space-y-4 rounded-lg border border-slate-200 bg-white p-5"
    >
      {(errors) => (
        <>
          <TextField name="name" label="Name" autoComplete="off" required errors={errors("name")} />
          <TextField
            name="description"
            label="Description (optional)"
            autoComplete="off"
            errors={errors("description")}
          />
        </>
      )}
    </ActionForm>
  );
}
