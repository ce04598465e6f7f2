"use client";

import type { ProtectedAction } from "@/lib/actions";
import { ActionForm } from "./admin/action-form";
import { TextField } from "./admin/field";

/** The signed-in user's name; the email is how they sign in, and stays as it is. */
export function ProfileForm({
  action,
  user,
}: {
  action: ProtectedAction;
  user: { name: string; email: string };
}) {
  return (
    <ActionForm
      action={action}
      visibleFields={["name"]}
      title={{ id: "details-title", text: "Your details", as: "h2", className: "font-semibold" }}
      submit={{ label: "Save", pendingLabel: "Saving…", variant: "secondary" }}
      formKey={user.name}
      className="max-w-sm space-y-3"
    >
      {(errors) => (
        <>
          <TextField
            name="name"
            label="Name"
            autoComplete="name"
            defaultValue={user.name}
            required
            maxLength={100}
            errors={errors("name")}
          />
          <p className="text-sm text-slate-600">
            Email: <strong>{user.email}</strong>
          </p>
        </>
      )}
    </ActionForm>
  );
}
