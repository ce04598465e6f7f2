import { postRefresh } from "@/lib/auth";

export const dynamic = "force-dynamic";

/** A new token pair for a refresh token; each refresh token works once. */
export const POST = postRefresh;
