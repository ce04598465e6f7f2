import { useId } from "react";

type Common = {
  name: string;
  label: string;
  /** The field's errors from the last submission; the first one is shown. */
  errors?: string[];
  hint?: string;
  className?: string;
};

const INPUT =
  "mt-1 block h-10 w-full rounded-md border border-slate-300 bg-white px-3 text-sm shadow-sm aria-[invalid=true]:border-red-600";

/** Label, input, hint and error, tied together for screen readers (aria-describedby, aria-invalid). */
export function TextField({
  name,
  label,
  errors,
  hint,
  className = "",
  ...input
}: Common & Omit<React.InputHTMLAttributes<HTMLInputElement>, "name">) {
  const id = useId();
  const { describedBy, invalid, messages } = wiring(id, errors, hint);
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <input
        id={id}
        name={name}
        aria-invalid={invalid}
        aria-describedby={describedBy}
        className={INPUT}
        {...input}
      />
      {messages}
    </div>
  );
}

export function SelectField({
  name,
  label,
  errors,
  hint,
  className = "",
  children,
  ...select
}: Common & Omit<React.SelectHTMLAttributes<HTMLSelectElement>, "name">) {
  const id = useId();
  const { describedBy, invalid, messages } = wiring(id, errors, hint);
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <select
        id={id}
        name={name}
        aria-invalid={invalid}
        aria-describedby={describedBy}
        className={INPUT}
        {...select}
      >
        {children}
      </select>
      {messages}
    </div>
  );
}

function wiring(id: string, errors: string[] | undefined, hint: string | undefined) {
  const error = errors?.[0];
  const ids = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(" ");
  return {
    invalid: error ? true : undefined,
    describedBy: ids || undefined,
    messages: (
      <>
        {hint && (
          <p id={`${id}-hint`} className="mt-1 text-xs text-slate-600">
            {hint}
          </p>
        )}
        {error && (
          <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
            {error}
          </p>
        )}
      </>
    ),
  };
}
