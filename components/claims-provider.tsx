"use client";

// Holds the signed-in user's claims (roles, permissions, active organization,
// stamps) in the browser and keeps them current without a reload. It starts from the claims the server rendered,
// and moves forward when:
// - a page renders newer claims (AdoptClaims),
// - one of the app's fetches reports a newer X-Permissions-Updated (permissionsUpdatedAt),
// - the server pushes a change (Server-Sent Events from /api/me/events, one
//   stream per browser: one tab holds it and relays to the others),
// - another tab of the same user learned newer claims (BroadcastChannel),
// - the tab becomes visible again,
// - the active organization changed (a switch in this tab or another one; a
//   tab that hears of another organization asks the server which one is
//   current, never adopting another tab's word for it).
// Claims are ordered by their stamps (isNewer): whichever source brings them,
// an answer older than the claims held is ignored, so the page moves once from
// the old claims to the new ones, never back through an older answer.
// When the change was not learned from a server render, router.refresh()
// re-renders the server parts of the current page with the new claims.
import { useRouter } from "next/navigation";
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from "react";
import { onPermissionsUpdatedAt } from "@/lib/client/app-fetch";
import { type ClientClaims, fetchClaims, isNewer, otherOrganization } from "@/lib/client/claims";
import { subscribeSharedPermissionEvents } from "@/lib/client/shared-permission-events";
import { openTabChannel, type TabMessage } from "@/lib/client/tab-channel";
import { hasPermission, type Permission } from "@/lib/permissions";

type ClaimsContextValue = ClientClaims & {
  /** The claims themselves: a new object exactly when they moved forward. */
  claims: ClientClaims;
  can(permission: Permission): boolean;
  /** Adopts claims rendered by the server for the current page. */
  adopt(claims: ClientClaims): void;
  /** Rereads the permission list from the server. */
  refresh(): Promise<void>;
  /** Tells the other tabs that this user signed out. */
  announceSignOut(): void;
};

const ClaimsContext = createContext<ClaimsContextValue | null>(null);

type Props = { userId: string; initial: ClientClaims; children: React.ReactNode };

export function ClaimsProvider({ userId, initial, children }: Props) {
  const router = useRouter();
  const [claims, setClaims] = useState(initial);
  const current = useRef(claims);
  const channel = useRef<ReturnType<typeof openTabChannel>>(null);

  const apply = useCallback(
    (next: ClientClaims, source: "server" | "tab" | "fetch") => {
      if (!isNewer(next, current.current)) return;
      current.current = next;
      setClaims(next);
      if (source !== "tab") channel.current?.post({ type: "claims", claims: next });
      if (source !== "server") router.refresh();
    },
    [router],
  );

  const refresh = useCallback(async () => {
    const result = await fetchClaims();
    if (result.kind === "claims") apply(result.claims, "fetch");
    if (result.kind === "signed-out") goToSignIn(router);
  }, [apply, router]);

  const refreshRef = useRef(refresh);
  useEffect(() => {
    refreshRef.current = refresh;
  }, [refresh]);

  useEffect(() => {
    const tabs = openTabChannel(userId, (message: TabMessage) => {
      if (message.type === "claims" && otherOrganization(message.claims, current.current))
        void refreshRef.current();
      else if (message.type === "claims") apply(message.claims, "tab");
      if (message.type === "signed-out") goToSignIn(router);
    });
    channel.current = tabs;
    // A tab that just loaded may know newer claims than the tabs already open.
    tabs.post({ type: "claims", claims: current.current });
    return () => {
      tabs.close();
      channel.current = null;
    };
  }, [userId, apply, router]);

  useEffect(
    () =>
      onPermissionsUpdatedAt((permissionsUpdatedAt) => {
        if (permissionsUpdatedAt !== current.current.permissionsUpdatedAt) void refresh();
      }),
    [refresh],
  );

  useEffect(
    () =>
      subscribeSharedPermissionEvents(userId, {
        onPermissions: (permissionsUpdatedAt, changed) => {
          if (changed || permissionsUpdatedAt !== current.current.permissionsUpdatedAt) void refresh();
        },
        onRevoked: () => void refresh(), // answers 401, and refresh() goes to the sign-in page
      }),
    [userId, refresh],
  );

  useEffect(() => {
    const onVisible = () => {
      if (document.visibilityState === "visible") void refresh();
    };
    document.addEventListener("visibilitychange", onVisible);
    return () => document.removeEventListener("visibilitychange", onVisible);
  }, [refresh]);

  // A router.refresh() re-renders the layout with newer initial claims.
  useEffect(() => apply(initial, "server"), [initial, apply]);

  // Stable, so that AdoptClaims adopts its render's claims once, not again whenever claims move.
  const adopt = useCallback((next: ClientClaims) => apply(next, "server"), [apply]);

  const value = useMemo<ClaimsContextValue>(
    () => ({
      ...claims,
      claims,
      can: (permission) => hasPermission(claims, permission),
      adopt,
      refresh,
      announceSignOut: () => channel.current?.post({ type: "signed-out" }),
    }),
    [claims, adopt, refresh],
  );

  return <ClaimsContext.Provider value={value}>{children}</ClaimsContext.Provider>;
}

export function useClaims(): ClaimsContextValue {
  const value = useContext(ClaimsContext);
  if (!value) throw new Error("useClaims() must be used inside <ClaimsProvider>");
  return value;
}

function goToSignIn(router: ReturnType<typeof useRouter>): void {
  const back = window.location.pathname + window.location.search;
  router.replace(`/sign-in?callbackUrl=${encodeURIComponent(back)}`);
}

/** Shows `children` only while the user holds `permission`; hides them the moment it goes. */
export function Can({ permission, children }: { permission: Permission; children: React.ReactNode }) {
  return useClaims().can(permission) ? children : null;
}
