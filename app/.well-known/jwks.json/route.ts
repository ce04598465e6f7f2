import { NextResponse } from "next/server";
import { logUnavailable } from "@/lib/auth";
import { publicJwks } from "@/lib/sessions";

export const dynamic = "force-dynamic";

/** The public keys that verify this app's access tokens, for other services. */
export async function GET() {
  try {
    return NextResponse.json(await publicJwks(), {
      headers: { "Cache-Control": "public, max-age=300, stale-while-revalidate=60" },
    });
  } catch (error) {
    logUnavailable("jwks", error);
    return NextResponse.json(
      { error: "temporarily_unavailable" },
      { status: 503, headers: { "Retry-After": "5" } },
    );
  }
}
