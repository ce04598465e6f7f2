import { useId } from "react";

type Common = {
  name: string;
  label: string;
  /** The field's errors from the last submission; the first one is shown. */
  errors?: string[];
  hint?: string;
  className?: string;
};

/** What every control gets from its field: its id, name, look and screen-reader wiring. */
type ControlProps = {
  id: string;
  name: string;
  "aria-invalid": true | undefined;
  "aria-describedby": string | undefined;
  className: string;
};

const INPUT =
  "mt-1 block h-10 w-full rounded-md border border-slate-300 bg-white px-3 text-sm shadow-sm aria-[invalid=true]:border-red-600";

export function TextField({
  name,
  label,
  errors,
  hint,
  className,
  ...input
}: Common & Omit<React.InputHTMLAttributes<HTMLInputElement>, "name">) {
  return (
    <Field name={name} label={label} errors={errors} hint={hint} className={className}>
      {(control) => <input {...control} {...input} />}
    </Field>
  );
}

export function SelectField({
  name,
  label,
  errors,
  hint,
  className,
  children,
  ...select
}: Common & Omit<React.SelectHTMLAttributes<HTMLSelectElement>, "name">) {
  return (
    <Field name={name} label={label} errors={errors} hint={hint} className={className}>
      {(control) => (
        <select {...control} {...select}>
          {children}
        </select>
      )}
    </Field>
  );
}

/** Label, control, hint and error, tied together for screen readers (aria-describedby, aria-invalid). */
function Field({
  name,
  label,
  errors,
  hint,
  className = "",
  children,
}: Common & { children: (control: ControlProps) => React.ReactNode }) {
  const id = useId();
  const error = errors?.[0];
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(" ");
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      {children({
        id,
        name,
        "aria-invalid": error ? true : undefined,
        "aria-describedby": describedBy || undefined,
        className: INPUT,
      })}
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
    </div>
  );
}

/** The address someone signs in with, as the account forms ask for it. */
export function EmailField({ errors }: { errors?: string[] }) {
  return (
    <TextField
      name="email"
      label="Email"
      type="email"
      autoComplete="username"
      required
      maxLength={254}
      errors={errors}
    />
  );
}
