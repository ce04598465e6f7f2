"use client";

import { MIN_PASSWORD_LENGTH } from "@/lib/validations/auth";
import { TextField } from "./admin/field";

type Props = {
  /** What the new password must be, and what setting it does. */
  hint: string;
  errors: (field: string) => string[] | undefined;
  maxLength?: number;
  /** The fields' labels: "New password" unless the form creates an account. */
  label?: string;
};

/** A new password and its confirmation, as the signed-in change, a reset link and a new account ask for them. */
export function NewPasswordFields({ hint, errors, maxLength, label = "New password" }: Props) {
  return (
    <>
      <TextField
        name="newPassword"
        label={label}
        type="password"
        autoComplete="new-password"
        required
        minLength={MIN_PASSWORD_LENGTH}
        maxLength={maxLength}
        hint={hint}
        errors={errors("newPassword")}
      />
      <TextField
        name="confirmPassword"
        label={`${label} again`}
        type="password"
        autoComplete="new-password"
        required
        maxLength={maxLength}
        errors={errors("confirmPassword")}
      />
    </>
  );
}
