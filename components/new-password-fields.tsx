"use client";

import { MIN_PASSWORD_LENGTH } from "@/lib/validations/auth";
import { TextField } from "./admin/field";

type Props = {
  /** What the new password must be, and what setting it does. */
  hint: string;
  errors: (field: string) => string[] | undefined;
  maxLength?: number;
};

/** A new password and its confirmation, as both the signed-in change and a reset link ask for them. */
export function NewPasswordFields({ hint, errors, maxLength }: Props) {
  return (
    <>
      <TextField
        name="newPassword"
        label="New password"
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
        label="New password again"
        type="password"
        autoComplete="new-password"
        required
        maxLength={maxLength}
        errors={errors("confirmPassword")}
      />
    </>
  );
}
