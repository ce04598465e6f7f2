"use client";

// The active organization in the header, and a menu to switch. The list is
// read when the menu opens (no page render pays for it). A switch re-issues
// the session cookie; refresh() then reads the new claims, re-renders the
// page and tells the other tabs, which ask the server and follow.
import { useState } from "react";
import { fetchOrganizations, type OrganizationEntry, requestSwitch } from "@/lib/client/organizations";
import { useClaims } from "./claims-provider";

export function OrganizationSwitcher() {
  const { organization, refresh } = useClaims();
  const [open, setOpen] = useState(false);
  const [choices, setChoices] = useState<OrganizationEntry[] | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  async function toggle() {
    if (open) return setOpen(false);
    setOpen(true);
    setMessage(null);
    const list = await fetchOrganizations();
    if (!list) setMessage("Organizations cannot be listed right now.");
    setChoices(list ?? []);
  }

  async function choose(slug: string) {
    const result = await requestSwitch(slug);
    if (result !== "switched") {
      setMessage(result === "not-found" ? "You no longer belong to that organization." : "Try again.");
      return;
    }
    setOpen(false);
    await refresh();
  }

  return (
    // On a phone the menu spans the header's row (the nearest positioned box), so
    // it stays on screen wherever the button wrapped to; from md it hangs under the button.
    <div className="text-sm md:relative">
      <button
        type="button"
        aria-expanded={open}
        aria-controls="organization-menu"
        onClick={() => void toggle()}
        className="rounded border border-slate-300 px-2 py-1 hover:bg-slate-50"
      >
        <span className="sr-only">Active organization: </span>
        <span data-testid="active-organization">{organization?.name ?? "No organization"}</span>
      </button>
      {open && (
        <div
          id="organization-menu"
          className="absolute inset-x-0 z-10 mt-1 rounded border border-slate-200 bg-white p-1 shadow md:right-0 md:left-auto md:w-56"
        >
          {choices === null && <p className="px-2 py-1 text-slate-500">Loading…</p>}
          {choices?.length === 0 && !message && (
            <p className="px-2 py-1 text-slate-500">You belong to none.</p>
          )}
          <ul aria-label="Organizations">
            {choices?.map((choice) => (
              <li key={choice.id}>
                <button
                  type="button"
                  aria-current={choice.id === organization?.id ? "true" : undefined}
                  onClick={() => void choose(choice.slug)}
                  className="w-full rounded px-2 py-1 text-left hover:bg-slate-100 aria-[current=true]:font-semibold"
                >
                  {choice.name}
                </button>
              </li>
            ))}
          </ul>
          {message && (
            <p role="alert" className="px-2 py-1 text-red-700">
              {message}
            </p>
          )}
        </div>
      )}
    </div>
  );
}
