import { NextResponse } from "next/server";
import { instanceHealth } from "@/lib/live";

export const dynamic = "force-dynamic";

/** Liveness, database reachability and the change listener (lib/live/health.ts); 503 when degraded. */
export async function GET() {
  const health = await instanceHealth();
  return NextResponse.json(health, {
    status: health.status === "ok" ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
}
