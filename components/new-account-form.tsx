"use client";

import type { ProtectedAction } from "@/lib/actions";
import { MIN_PASSWORD_LENGTH } from "@/lib/validations/auth";
import { ActionForm } from "./admin/action-form";
import { EmailField, TextField } from "./admin/field";
import { NewPasswordFields } from "./new-password-fields";

type Props = {
  action: ProtectedAction;
  /** Sent with the form: an invitation's token. */
  hidden?: Record<string, string>;
  /** The address the account is for when a link fixed it; otherwise the form asks for one. */
  email?: string;
  submitLabel: string;
};

/** A new account's name, address and password: open sign-up and an invitation's link. */
export function NewAccountForm({ action, hidden, email, submitLabel }: Props) {
  return (
    <ActionForm
      action={action}
      hidden={hidden}
      visibleFields={
        email
          ? ["name", "newPassword", "confirmPassword"]
          : ["name", "email", "newPassword", "confirmPassword"]
      }
      title={{ id: "new-account-title", text: submitLabel, as: "h2", className: "sr-only" }}
      submit={{ label: submitLabel, pendingLabel: "Creating…" }}
      className="space-y-4"
    >
      {(errors) => (
        <>
          <TextField
            name="name"
            label="Name"
            autoComplete="name"
            required
            maxLength={100}
            errors={errors("name")}
          />
          {email ? (
            <p className="text-sm text-slate-600">
              Email: <strong>{email}</strong>
            </p>
          ) : (
            <EmailField errors={errors("email")} />
          )}
          <NewPasswordFields
            label="Password"
            hint={`At least ${MIN_PASSWORD_LENGTH} characters, and not one of the most common passwords.`}
            maxLength={200}
            errors={errors}
          />
        </>
      )}
    </ActionForm>
  );
}
