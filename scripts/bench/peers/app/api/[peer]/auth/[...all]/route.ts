// /api/<peer>/auth/*: Better Auth's own endpoints (sign-up, sign-in, …) for
// each Better Auth peer, under the base path that instance was given.
import type { NextRequest } from "next/server";
import { betterAuthFor } from "@/lib/peers/better-auth";
import { isBetterAuthPeer } from "@/lib/peers";

async function handle(request: NextRequest, { params }: RouteContext<"/api/[peer]/auth/[...all]">) {
  const { peer } = await params;
  if (!isBetterAuthPeer(peer)) return Response.json({ status: "no such peer" }, { status: 404 });
  return betterAuthFor(peer).handler(request);
}

export { handle as GET, handle as POST };
