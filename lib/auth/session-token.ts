// The session token as the app reads and writes it: one codec per process
// (shared by the proxy, the data access layer and next-auth's own callbacks),
// with the settings next-auth uses (empty salt, session maxAge).
import { env } from "@/lib/env";
import { SESSION_MAX_AGE_SECONDS } from "./session-cookie";
import { TokenCodec } from "./token-codec";
import { type AuthToken, isAuthToken } from "./token";

// Next bundles the proxy and the routes separately; one codec per process.
const holder = globalThis as typeof globalThis & { __authzCodecs?: Map<string, TokenCodec> };

export function codecFor(secret: string): TokenCodec {
  holder.__authzCodecs ??= new Map();
  let codec = holder.__authzCodecs.get(secret);
  if (!codec) {
    codec = new TokenCodec(secret, { memoize: env().tokenMemo });
    holder.__authzCodecs.set(secret, codec);
  }
  return codec;
}

/** The token, or null when it is missing, tampered with, expired, or not ours. */
export async function decodeSessionToken(
  value: string | undefined,
  secret: string,
): Promise<AuthToken | null> {
  const token = await codecFor(secret).decode(value);
  return isAuthToken(token) ? token : null;
}

export function encodeSessionToken(token: AuthToken, secret: string): Promise<string> {
  return codecFor(secret).encode(token, SESSION_MAX_AGE_SECONDS);
}
