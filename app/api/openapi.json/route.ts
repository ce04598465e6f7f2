import { NextResponse } from "next/server";
import { openApiDocument } from "./document";

/** The API's description (./document.ts): public, like the API's own docs; it holds no data. */
export function GET() {
  return NextResponse.json(openApiDocument(), { headers: { "Cache-Control": "public, max-age=300" } });
}
