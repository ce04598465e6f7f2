import "server-only";
import { headers } from "next/headers";
import { env } from "@/lib/env";
import { safeCallbackUrl } from "./callback-url";

/**
 * The app's origin for this request: NEXTAUTH_URL when set, else the Host the
 * browser addressed. Either way the answer of safeCallbackUrl is a path on
 * the origin the browser is already on, so a forged Host only misleads the
 * request that forged it.
 */
async function appOrigin(): Promise<string> {
  const configured = env().appOrigin;
  if (configured) return configured;
  const host = (await headers()).get("host");
  try {
    return new URL(`http://${host}`).origin;
  } catch {
    return "http://localhost";
  }
}

/** Where the sign-in page sends the user: the callbackUrl when it stays on this site, else home. */
export async function signInTarget(callbackUrl: unknown): Promise<string> {
  return safeCallbackUrl(callbackUrl, await appOrigin());
}
