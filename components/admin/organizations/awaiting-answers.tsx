"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/** How often an organization page with open invitations looks for answers, and for how long. */
const EVERY_MS = 5_000;
const FOR_MS = 10 * 60_000;

/**
 * While invitations wait for an answer, the organization page re-renders now
 * and then (only while it is visible), so the inviter sees a member appear
 * without reloading. An acceptance changes the invitee's claims, not the
 * inviter's, so the inviter's own change stream has nothing to say about it.
 * It stops after ten minutes: a tab left open for the week an invitation
 * lasts does not render the page every five seconds all that time.
 */
export function AwaitingAnswers() {
  const router = useRouter();
  useEffect(() => {
    const until = Date.now() + FOR_MS;
    const timer = setInterval(() => {
      if (Date.now() > until) clearInterval(timer);
      else if (document.visibilityState === "visible") router.refresh();
    }, EVERY_MS);
    return () => clearInterval(timer);
  }, [router]);
  return null;
}
