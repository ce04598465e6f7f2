import { NextResponse } from "next/server";
import { withUser } from "@/lib/sessions";
import { permissionsBody } from "./body";

export const dynamic = "force-dynamic";

export const GET = withUser(async (_req, user) =>
  NextResponse.json(await permissionsBody(user), { headers: { "Cache-Control": "no-store" } }),
);
