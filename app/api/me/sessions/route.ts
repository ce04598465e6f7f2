import { NextResponse } from "next/server";
import { listOwnSessions, withUser } from "@/lib/sessions";

export const dynamic = "force-dynamic";

/** Where the signed-in user is signed in (browsers and token clients), this session marked current. */
export const GET = withUser(async (_req, user) =>
  NextResponse.json({ sessions: await listOwnSessions(user) }, { headers: { "Cache-Control": "no-store" } }),
);
