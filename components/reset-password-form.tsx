"use client";

import type { ProtectedAction } from "@/lib/actions";
import { MIN_PASSWORD_LENGTH } from "@/lib/validations/auth";
import { ActionForm } from "./admin/action-form";
import { TextField } from "./admin/field";

/** The new password for a reset link; on success the server sends the browser to sign in. */
export function ResetPasswordForm({ action, token }: { action: ProtectedAction; token: string }) {
  return (
    <ActionForm
      action={action}
      hidden={{ token }}
      visibleFields={["newPassword", "confirmPassword"]}
      title={{ id: "reset-title", text: "Set the new password", as: "h2", className: "sr-only" }}
      submit={{ label: "Set the new password", pendingLabel: "Setting…" }}
      className="space-y-4"
    >
      {(errors) => (
        <>
          <TextField
            name="newPassword"
            label="New password"
            type="password"
            autoComplete="new-password"
            required
            minLength={MIN_PASSWORD_LENGTH}
            maxLength={200}
            hint={`At least ${MIN_PASSWORD_LENGTH} characters, and not one of the most common passwords.`}
            errors={errors("newPassword")}
          />
          <TextField
            name="confirmPassword"
            label="New password again"
            type="password"
            autoComplete="new-password"
            required
            maxLength={200}
            errors={errors("confirmPassword")}
          />
        </>
      )}
    </ActionForm>
  );
}
