import { postTokens } from "@/lib/auth";

export const dynamic = "force-dynamic";

/** Sign in for a bearer access token and a refresh token (README, "Clients that are not browsers"). */
export const POST = postTokens;
