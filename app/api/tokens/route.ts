import { postTokens } from "@/lib/sessions";

export const dynamic = "force-dynamic";

/** Sign in for a bearer access token and a refresh token (docs/CLIENTS.md). */
export const POST = postTokens;
