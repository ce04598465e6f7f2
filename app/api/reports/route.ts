import { NextResponse } from "next/server";
import { withUser } from "@/lib/sessions";
import { listReports } from "@/lib/tenancy";

export const dynamic = "force-dynamic";

/** Only the active organization's rows; no active organization gives an empty list. */
export const GET = withUser(
  async (_req, user) =>
    NextResponse.json(await listReports(user), { headers: { "Cache-Control": "no-store" } }),
  { permission: "reports.read" },
);
