// Encodes and decodes session tokens in next-auth v4's exact format (a JWE
// with "dir" + A256GCM, its key derived by HKDF-SHA256 from the secret with an
// empty salt), so tokens written here and by next-auth are interchangeable.
// next-auth derives the key again and decrypts again on every call, hundreds
// of microseconds each, and a request may decode twice. Here the key is
// derived once per secret, and a decoded token is remembered per cookie
// value. Nothing is validated less: a remembered token is only ever returned
// for the byte-identical cookie that decrypted and verified, and its expiry is
// checked again on every hit. Revocation is not the codec's job: the freshness
// check decides that on every request.
//
// Decoding accepts only what the app issues ("dir" + A256GCM). Without that
// list jose would try any algorithm a forged header names, including the
// password-based PBES2 ones, which run thousands of PBKDF2 rounds before
// failing: a cheap way to make the server work hard.
import { randomUUID } from "node:crypto";
import hkdf from "@panva/hkdf";
import { EncryptJWT, jwtDecrypt, type JWTDecryptOptions } from "jose";
import type { JWT } from "next-auth/jwt";

/** The clock tolerance next-auth gives jose when it decrypts. */
const CLOCK_TOLERANCE_SECONDS = 15;
const INFO = "NextAuth.js Generated Encryption Key";

/**
 * How a session token is decrypted: only the algorithms the app issues are
 * accepted, and anything else is refused from the header, before any key is used.
 */
export const DECRYPT_OPTIONS: JWTDecryptOptions = {
  clockTolerance: CLOCK_TOLERANCE_SECONDS,
  keyManagementAlgorithms: ["dir"],
  contentEncryptionAlgorithms: ["A256GCM"],
};

type Remembered = { payload: JWT; exp: number };

export class TokenCodec {
  private key: Promise<Uint8Array> | null = null;
  private readonly remembered = new Map<string, Remembered>();

  constructor(
    private readonly secret: string,
    private readonly options: { memoize: boolean; maxEntries?: number } = { memoize: true },
  ) {}

  async decode(value: string | undefined | null, nowMs = Date.now()): Promise<JWT | null> {
    if (!value) return null;
    const hit = this.options.memoize ? this.remembered.get(value) : undefined;
    if (hit) {
      if (nowMs / 1000 > hit.exp + CLOCK_TOLERANCE_SECONDS) {
        this.remembered.delete(value);
        return null;
      }
      return { ...hit.payload };
    }
    try {
      const key = this.options.memoize ? await this.derivedKey() : await deriveKey(this.secret);
      const { payload } = await jwtDecrypt(value, key, DECRYPT_OPTIONS);
      const token = payload as JWT;
      this.remember(value, token);
      return { ...token };
    } catch {
      return null; // tampered, another secret, expired, or not a token at all
    }
  }

  async encode(token: JWT, maxAgeSeconds: number, nowMs = Date.now()): Promise<string> {
    const iat = Math.floor(nowMs / 1000);
    const payload: JWT = { ...token, iat, exp: iat + maxAgeSeconds, jti: randomUUID() };
    const value = await new EncryptJWT(payload)
      .setProtectedHeader({ alg: "dir", enc: "A256GCM" }) // what DECRYPT_OPTIONS accepts
      .encrypt(await this.derivedKey());
    this.remember(value, payload); // the next request arrives with exactly this cookie
    return value;
  }

  get size(): number {
    return this.remembered.size;
  }

  private derivedKey(): Promise<Uint8Array> {
    this.key ??= deriveKey(this.secret);
    return this.key;
  }

  private remember(value: string, payload: JWT): void {
    if (!this.options.memoize || typeof payload.exp !== "number") return;
    const max = this.options.maxEntries ?? 10_000;
    if (this.remembered.size >= max) {
      const oldest = this.remembered.keys().next().value;
      if (oldest !== undefined) this.remembered.delete(oldest);
    }
    this.remembered.set(value, { payload, exp: payload.exp });
  }
}

/** next-auth v4's key for `secret` (exported for the tests that forge tokens with it). */
export function deriveKey(secret: string): Promise<Uint8Array> {
  return hkdf("sha256", secret, "", INFO, 32);
}
