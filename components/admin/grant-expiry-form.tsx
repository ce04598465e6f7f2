"use client";

import type { ProtectedAction } from "@/lib/actions/protected-action";
import { FormMessage } from "../form-message";
import { SubmitButton } from "../submit-button";
import { TextField } from "./field";
import { StrayErrors } from "./stray-errors";
import { localTimeToIso, useActionForm } from "./use-action-form";

type Props = { action: ProtectedAction; userId: string; roleId: string; roleName: string; version: number };

/** Sets, moves or removes the end of one grant; an empty date means it never ends. */
export function GrantExpiryForm({ action, userId, roleId, roleName, version }: Props) {
  const { state, formRef, onSubmit, formAction, errors, strayErrors } = useActionForm(action, {
    prepare: localTimeToIso("expiresAt"),
  });
  return (
    <details className="group">
      <summary className="cursor-pointer rounded px-1 text-sm font-medium text-indigo-700 hover:underline">
        Change end<span className="sr-only"> of {roleName}</span>
      </summary>
      <form ref={formRef} action={formAction} onSubmit={onSubmit} noValidate className="mt-2 w-64 space-y-2">
        <input type="hidden" name="userId" value={userId} />
        <input type="hidden" name="roleId" value={roleId} />
        <input type="hidden" name="version" value={version} />
        <TextField
          name="expiresAt"
          label={`New end of ${roleName} (your local time)`}
          type="datetime-local"
          step={1}
          hint="Empty: never ends."
          errors={errors("expiresAt")}
        />
        <SubmitButton pendingLabel="Saving…" variant="secondary">
          Save end
        </SubmitButton>
        <FormMessage state={state} />
        <StrayErrors errors={strayErrors(["expiresAt"])} />
      </form>
    </details>
  );
}
