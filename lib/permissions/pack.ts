// Compact permission claims for the session token: one bit per catalogue
// entry, base64url-encoded (100 permissions pack into 18 characters). The
// catalogue fingerprint travels with the bits so that a token packed against
// another catalogue is rebuilt instead of misread.
import { createHash } from "node:crypto";

export function catalogueFingerprint(catalogue: readonly string[]): string {
  return createHash("sha256").update(catalogue.join("\n")).digest("base64url").slice(0, 8);
}

export function packPermissions(granted: Iterable<string>, catalogue: readonly string[]): string {
  const bytes = new Uint8Array(Math.ceil(catalogue.length / 8));
  const index = new Map(catalogue.map((p, i) => [p, i]));
  for (const p of granted) {
    const i = index.get(p);
    if (i === undefined) continue; // not in the catalogue: never grants anything
    bytes[i >> 3]! |= 1 << (i & 7);
  }
  return Buffer.from(bytes).toString("base64url");
}

export function unpackPermissions<P extends string>(packed: string, catalogue: readonly P[]): P[] {
  const bytes = Buffer.from(packed, "base64url");
  return catalogue.filter((_, i) => ((bytes[i >> 3] ?? 0) >> (i & 7)) & 1);
}
