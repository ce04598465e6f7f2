// The secret in a mailed link (a password reset, an invitation, a sign-up's
// confirmation): 32 random bytes, base64url, so 43 characters that survive
// any mail client. Only its SHA-256 is stored, so a copy of the database
// cannot be turned into working links; a lookup hashes what the link carries.
import { createHash, randomBytes } from "node:crypto";

export const hashLinkToken = (token: string): string => createHash("sha256").update(token).digest("hex");

/** A new link secret, and the hash to store for it. */
export function newLinkToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: hashLinkToken(token) };
}
