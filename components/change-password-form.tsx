"use client";

import type { ProtectedAction } from "@/lib/actions";
import { MIN_PASSWORD_LENGTH } from "@/lib/validations/auth";
import { NewPasswordFields } from "./new-password-fields";
import { ActionForm } from "./admin/action-form";
import { TextField } from "./admin/field";

/**
 * The signed-in user's password change. The passwords go to the server and
 * never come back; after a success the fields are cleared, this session stays
 * signed in and every other one is signed out.
 */
export function ChangePasswordForm({ action }: { action: ProtectedAction }) {
  return (
    <ActionForm
      action={action}
      resetOnSuccess
      title={{ id: "password-title", text: "Change password", as: "h3", className: "text-sm font-medium" }}
      submit={{ label: "Change password", pendingLabel: "Changing…", variant: "secondary" }}
      className="mt-6 max-w-sm space-y-3 border-t border-slate-200 pt-4"
    >
      {(errors) => (
        <>
          <TextField
            name="currentPassword"
            label="Current password"
            type="password"
            autoComplete="current-password"
            required
            errors={errors("currentPassword")}
          />
          <NewPasswordFields
            hint={`At least ${MIN_PASSWORD_LENGTH} characters. Your other sessions will be signed out.`}
            errors={errors}
          />
        </>
      )}
    </ActionForm>
  );
}
