"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useRef, useState, useTransition } from "react";
import { SIGN_IN_FAILED_CODE, signInErrorMessage } from "@/lib/auth/protocol";
import { signInSchema } from "@/lib/validations/auth";

type FieldErrors = { email?: string[]; password?: string[] };

/** A demo account the form can fill in with one click (development only). */
export type DemoAccount = { label: string; email: string; password: string };

type Props = { callbackUrl: string; demoAccounts?: readonly DemoAccount[] };

export function SignInForm({ callbackUrl, demoAccounts = [] }: Props) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const parsed = signInSchema.safeParse({ email: form.get("email"), password: form.get("password") });
    if (!parsed.success) {
      setFieldErrors(parsed.error.flatten().fieldErrors);
      setMessage(null);
      return;
    }
    setFieldErrors({});
    // Emptied first, so that the alert is announced again even when the next message is the same.
    setMessage(null);
    startTransition(async () => {
      // A 429 (too many attempts) comes back as { error: "TooManyAttempts:<seconds>", status: 429 }.
      const result = await signIn("credentials", { ...parsed.data, redirect: false }).catch(() => undefined);
      if (!result || result.error) {
        setMessage(signInErrorMessage(result ? result.error : SIGN_IN_FAILED_CODE));
        return;
      }
      router.replace(callbackUrl);
      router.refresh();
    });
  }

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-4">
      {demoAccounts.length > 0 && (
        <DemoFills accounts={demoAccounts} onPick={(account) => fill(formRef.current, account)} />
      )}
      <Field name="email" label="Email" type="email" autoComplete="username" errors={fieldErrors.email} />
      <Field
        name="password"
        label="Password"
        type="password"
        autoComplete="current-password"
        errors={fieldErrors.password}
      />
      <p role="alert" aria-live="assertive" className="text-sm text-red-700">
        {message}
      </p>
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded-md bg-indigo-600 px-4 py-2 font-medium text-white hover:bg-indigo-700 disabled:opacity-60"
      >
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}

type FieldProps = { name: string; label: string; type: string; autoComplete: string; errors?: string[] };

function Field({ name, label, type, autoComplete, errors }: FieldProps) {
  const errorId = `${name}-error`;
  return (
    <div>
      <label htmlFor={name} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <input
        id={name}
        name={name}
        type={type}
        autoComplete={autoComplete}
        required
        aria-invalid={errors ? true : undefined}
        aria-describedby={errors ? errorId : undefined}
        className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 shadow-sm"
      />
      {errors && (
        <p id={errorId} className="mt-1 text-sm text-red-700">
          {errors[0]}
        </p>
      )}
    </div>
  );
}

function DemoFills({ accounts, onPick }: { accounts: readonly DemoAccount[]; onPick(a: DemoAccount): void }) {
  return (
    <fieldset className="rounded-md border border-dashed border-slate-300 p-3">
      <legend className="px-1 text-sm font-medium text-slate-700">Demo accounts (development)</legend>
      <p className="mb-2 text-xs text-slate-600">One click signs in.</p>
      <div className="flex flex-wrap gap-2">
        {accounts.map((account) => (
          <button
            key={account.email}
            type="button"
            onClick={() => onPick(account)}
            className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-100"
          >
            {account.label}
          </button>
        ))}
      </div>
    </fieldset>
  );
}

/** Fills the fields and signs in, through the form's own submit (its checks and messages). */
function fill(form: HTMLFormElement | null, account: DemoAccount): void {
  if (!form) return;
  form.querySelector<HTMLInputElement>("input[name=email]")!.value = account.email;
  form.querySelector<HTMLInputElement>("input[name=password]")!.value = account.password;
  form.requestSubmit();
}
