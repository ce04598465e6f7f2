// Encoding and decoding of the next-auth v4 session token, with the settings
// next-auth itself uses (empty salt, session maxAge), so tokens written by the
// proxy and by next-auth are interchangeable.
import { decode, encode } from "next-auth/jwt";
import { SESSION_MAX_AGE_SECONDS } from "./session-cookie";
import { type AuthToken, isAuthToken } from "./token";

/** The token, or null when it is missing, tampered with, expired, or not ours. */
export async function decodeSessionToken(
  value: string | undefined,
  secret: string,
): Promise<AuthToken | null> {
  if (!value) return null;
  try {
    const token = await decode({ token: value, secret });
    return isAuthToken(token) ? token : null;
  } catch {
    return null;
  }
}

export function encodeSessionToken(token: AuthToken, secret: string): Promise<string> {
  return encode({ token, secret, maxAge: SESSION_MAX_AGE_SECONDS });
}
