"use client";

import { useActionState, useEffect, useRef, useState } from "react";
import type { ProtectedAction } from "@/lib/actions";
import { IDLE } from "@/lib/actions/state";
import { FormMessage } from "./form-message";
import { SubmitButton } from "./submit-button";

type Props = {
  action: ProtectedAction;
  /** Hidden inputs sent with the action (ids, versions). */
  fields?: Record<string, string | number>;
  label: string;
  pendingLabel: string;
  /** Asked before a destructive action; without it the button acts at once. */
  confirm?: { question: string; confirmLabel: string };
};

/** One button that runs one action, asking first when the action is destructive. */
export function ConfirmActionForm({ action, fields = {}, label, pendingLabel, confirm }: Props) {
  const [state, formAction] = useActionState(action, IDLE);
  const [asking, setAsking] = useState(false);
  const cancelRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (asking) cancelRef.current?.focus();
  }, [asking]);

  return (
    <form
      action={(formData) => {
        setAsking(false);
        formAction(formData);
      }}
      className="space-y-1"
    >
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={String(value)} />
      ))}
      {confirm && !asking ? (
        <button
          type="button"
          onClick={() => setAsking(true)}
          className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-100"
        >
          {label}
        </button>
      ) : confirm ? (
        <div role="group" aria-label={confirm.question} className="flex flex-wrap items-center gap-2">
          <span className="text-sm font-medium">{confirm.question}</span>
          <SubmitButton pendingLabel={pendingLabel} variant="danger">
            {confirm.confirmLabel}
          </SubmitButton>
          <button
            ref={cancelRef}
            type="button"
            onClick={() => setAsking(false)}
            className="rounded-md px-3 py-1.5 text-sm font-medium hover:bg-slate-100"
          >
            Cancel
          </button>
        </div>
      ) : (
        <SubmitButton pendingLabel={pendingLabel} variant="secondary">
          {label}
        </SubmitButton>
      )}
      <FormMessage state={state} />
    </form>
  );
}
