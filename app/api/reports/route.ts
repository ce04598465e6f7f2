import { NextResponse } from "next/server";
import { withUser } from "@/lib/auth";
import { listReports } from "@/lib/reports";

export const GET = withUser(() => NextResponse.json({ reports: listReports() }), {
  permission: "reports.read",
});
