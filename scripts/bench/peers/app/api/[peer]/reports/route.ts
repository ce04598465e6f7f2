// GET /api/<peer>/reports: may this user read reports, by that peer's session.
import type { NextRequest } from "next/server";
import { toResponse } from "@/lib/decision";
import { PEERS } from "@/lib/peers";

export async function GET(request: NextRequest, { params }: RouteContext<"/api/[peer]/reports">) {
  const check = PEERS[(await params).peer];
  if (!check) return Response.json({ status: "no such peer" }, { status: 404 });
  return toResponse(await check(request));
}
