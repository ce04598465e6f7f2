"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";
import { MAIN_NAV, type NavItem, visibleNav } from "@/lib/navigation";
import { LinkPending } from "./link-pending";
import { OrganizationSwitcher } from "./organization-switcher";
import { useClaims } from "./claims-provider";
import { SignOutButton } from "./sign-out-button";

type Props = {
  email: string;
  /** The links, each shown while the user may open its page (lib/navigation.ts). */
  items?: readonly NavItem[];
  /** More account controls, beside the email and Sign out. */
  children?: React.ReactNode;
};

/**
 * The links follow the client's permission list, so they change without a
 * reload. Below the md breakpoint they fold into a menu: a button with
 * aria-expanded; Escape closes it and gives focus back to the button, and
 * following a link closes it.
 */
export function SiteHeader({ email, items = MAIN_NAV, children }: Props) {
  const { permissions } = useClaims();
  // Typed nullable because pages/ exists (for one API route); never null under the App Router.
  const pathname = usePathname() ?? "";
  // The menu is open for the page it was opened on: a navigation closes it.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;
  const button = useRef<HTMLButtonElement>(null);
  const panelId = useId();
  const isCurrent = (href: string) => (href === "/" ? pathname === "/" : pathname.startsWith(href));

  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      setOpenOn(null);
      button.current?.focus();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [open]);

  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 px-4 py-2 md:py-3">
        <Link href="/" className="py-1 font-semibold">
          Live Authz
        </Link>
        <button
          ref={button}
          type="button"
          aria-expanded={open}
          aria-controls={panelId}
          onClick={() => setOpenOn(open ? null : pathname)}
          className="ml-auto inline-flex items-center gap-2 rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100 md:hidden"
        >
          <MenuIcon open={open} />
          Menu
        </button>
        <div
          id={panelId}
          className={`${open ? "flex" : "hidden"} w-full flex-col gap-3 py-3 md:flex md:w-auto md:flex-1 md:flex-row md:items-center md:gap-6 md:py-0`}
        >
          <nav aria-label="Main" className="flex flex-col gap-1 text-sm md:flex-1 md:flex-row md:gap-4">
            {visibleNav(permissions, items).map((item) => (
              <Link
                key={item.href}
                href={item.href}
                aria-current={isCurrent(item.href) ? "page" : undefined}
                className="relative rounded px-1 py-1.5 hover:underline aria-[current=page]:font-semibold aria-[current=page]:text-indigo-700 md:py-0.5"
              >
                {item.label}
                <LinkPending />
              </Link>
            ))}
          </nav>
          <div className="relative flex flex-wrap items-center gap-3 border-t border-slate-200 pt-3 md:static md:border-0 md:pt-0">
            <span className="min-w-0 text-sm break-all text-slate-600">{email}</span>
            <OrganizationSwitcher />
            {children}
            <SignOutButton />
          </div>
        </div>
      </div>
    </header>
  );
}

function MenuIcon({ open }: { open: boolean }) {
  return (
    <svg
      aria-hidden="true"
      viewBox="0 0 20 20"
      className="size-4"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
    >
      {open ? <path d="M5 5l10 10M15 5L5 15" /> : <path d="M3 6h14M3 10h14M3 14h14" />}
    </svg>
  );
}
