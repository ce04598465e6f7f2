import { postRefresh } from "@/lib/sessions";

export const dynamic = "force-dynamic";

/** A new token pair for a refresh token; each refresh token works once. */
export const POST = postRefresh;
