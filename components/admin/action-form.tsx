"use client";

import type { ProtectedAction } from "@/lib/actions";
import { FormMessage } from "../form-message";
import { SubmitButton } from "../submit-button";
import { StrayErrors } from "./stray-errors";
import { useActionForm } from "./use-action-form";

type Props = {
  action: ProtectedAction;
  /** Clears the fields after a success (create forms); edit forms keep them. */
  resetOnSuccess?: boolean;
  /** Adjusts the submitted data in the browser, e.g. local times to ISO instants. */
  prepare?: (data: FormData) => void;
  /** The heading that names the form (its accessible name). */
  title?: { id: string; text: string; as: "h2" | "h3"; className: string };
  /** Sent along unseen: ids and the permissionsUpdatedAt or version the form was rendered from. */
  hidden?: Record<string, string | number>;
  /**
   * The fields shown as inputs. Given, errors on any other field (a stale id
   * or permission stamp) are listed under the message, as nothing else would show them.
   */
  visibleFields?: string[];
  submit: { label: string; pendingLabel: string; variant?: "primary" | "secondary" };
  /** A new value re-mounts the fields with their new defaults; the outcome message stays. */
  formKey?: React.Key;
  className: string;
  /** The fields, given each field's errors from the last submission. */
  children: (errors: (field: string) => string[] | undefined) => React.ReactNode;
};

/** The frame every admin form shares: title, hidden fields, submit button and the announced outcome. */
export function ActionForm({
  action,
  resetOnSuccess,
  prepare,
  title,
  hidden = {},
  visibleFields,
  submit,
  formKey,
  className,
  children,
}: Props) {
  const { state, formRef, onSubmit, formAction, errors, strayErrors } = useActionForm(action, {
    resetOnSuccess,
    prepare,
  });
  const Heading = title?.as ?? "h2";
  return (
    <form
      key={formKey}
      ref={formRef}
      action={formAction}
      onSubmit={onSubmit}
      noValidate
      aria-labelledby={title?.id}
      className={className}
    >
      {title && (
        <Heading id={title.id} className={title.className}>
          {title.text}
        </Heading>
      )}
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {children(errors)}
      <SubmitButton pendingLabel={submit.pendingLabel} variant={submit.variant}>
        {submit.label}
      </SubmitButton>
      <FormMessage state={state} />
      {visibleFields && <StrayErrors errors={strayErrors(visibleFields)} />}
    </form>
  );
}
