"use client";

import type { ProtectedAction } from "@/lib/actions";
import { MIN_PASSWORD_LENGTH } from "@/lib/validations/auth";
import { NewPasswordFields } from "./new-password-fields";
import { ActionForm } from "./admin/action-form";

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
        <NewPasswordFields
          hint={`At least ${MIN_PASSWORD_LENGTH} characters, and not one of the most common passwords.`}
          maxLength={200}
          errors={errors}
        />
      )}
    </ActionForm>
  );
}
