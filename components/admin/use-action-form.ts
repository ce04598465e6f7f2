"use client";

import { startTransition, useActionState, useEffect, useRef } from "react";
import type { ProtectedAction } from "@/lib/actions";
import { IDLE } from "@/lib/actions/state";

type Options = {
  /** Clears the form after a success (a create form); edit forms keep their values. */
  resetOnSuccess?: boolean;
  /** Adjusts the submitted data in the browser, e.g. local times to ISO instants. */
  prepare?: (data: FormData) => void;
};

/**
 * useActionState for the admin forms. React resets a form after its action
 * runs, which would wipe what the admin typed whenever the server refuses it;
 * submitting from onSubmit keeps the values (the form still works without
 * JavaScript through its action). After an error, focus moves to the first
 * field in error, so keyboard and screen reader users land on it.
 */
export function useActionForm(action: ProtectedAction, { resetOnSuccess = false, prepare }: Options = {}) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    const form = formRef.current;
    if (!form) return;
    if (state.status === "success" && resetOnSuccess) form.reset();
    if (state.status === "error") form.querySelector<HTMLElement>("[aria-invalid=true]")?.focus();
  }, [state, resetOnSuccess]);

  const onSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    prepare?.(data);
    startTransition(() => formAction(data));
  };

  const errors = (field: string) => state.fieldErrors?.[field];
  /** Errors on fields with no visible input (ids, versions), to show beside the form message. */
  const strayErrors = (visible: string[]) =>
    Object.entries(state.fieldErrors ?? {}).flatMap(([field, list]) =>
      visible.includes(field) ? [] : (list ?? []).slice(0, 1),
    );

  return { state, pending, formRef, formAction, onSubmit, errors, strayErrors };
}

/** datetime-local values are the browser's local time; the server gets an unambiguous instant. */
export function localTimeToIso(field: string) {
  return (data: FormData) => {
    const value = data.get(field);
    if (typeof value !== "string" || value === "") return;
    const at = new Date(value);
    if (!Number.isNaN(at.getTime())) data.set(field, at.toISOString());
  };
}
