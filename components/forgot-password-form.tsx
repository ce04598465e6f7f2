"use client";

import type { ProtectedAction } from "@/lib/actions";
import { ActionForm } from "./admin/action-form";
import { EmailField } from "./admin/field";

/** "Forgot password?": one address; the answer is the same whether or not it has an account. */
export function ForgotPasswordForm({ action }: { action: ProtectedAction }) {
  return (
    <ActionForm
      action={action}
      title={{ id: "forgot-title", text: "Send a reset link", as: "h2", className: "sr-only" }}
      submit={{ label: "Send a reset link", pendingLabel: "Sending…" }}
      className="space-y-4"
    >
      {(errors) => <EmailField errors={errors("email")} />}
    </ActionForm>
  );
}
