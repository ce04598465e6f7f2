"use client";

import { signIn } from "next-auth/react";
import { useState } from "react";

/** A configured identity provider: next-auth's id and the button's words (lib/sign-in/identity-providers.ts). */
export type ProviderButton = { id: string; label: string };

type Props = { providers: readonly ProviderButton[]; callbackUrl: string };

/**
 * One button per provider. next-auth's signIn posts to its own route (with
 * its CSRF token) and then navigates the whole page to the provider; the
 * callbackUrl is the page's already checked one (lib/sign-in/callback-url.ts).
 */
export function ProviderSignInButtons({ providers, callbackUrl }: Props) {
  const [leaving, setLeaving] = useState<string | null>(null);
  if (providers.length === 0) return null;
  return (
    <div className="mt-6 space-y-2">
      <p className="text-center text-sm text-slate-600">or</p>
      {providers.map((provider) => (
        <button
          key={provider.id}
          type="button"
          disabled={leaving !== null}
          onClick={() => {
            setLeaving(provider.id);
            // On success the browser leaves this page; on failure next-auth brings it back with ?error=.
            void signIn(provider.id, { callbackUrl }).catch(() => setLeaving(null));
          }}
          className="w-full rounded-md border border-slate-300 bg-white px-4 py-2 font-medium text-slate-800 hover:bg-slate-100 disabled:opacity-60"
        >
          {leaving === provider.id ? "Redirecting…" : `Continue with ${provider.label}`}
        </button>
      ))}
    </div>
  );
}
