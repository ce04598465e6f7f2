// The whole auth work of one request whose cookie has not changed, in
// process: the proxy decodes the cookie and checks freshness, then the data
// access layer does both again for the page or route. "Before" is next-auth's
// own decode (the key derived again, the token decrypted again, every call);
// "after" is the app's codec (key derived once, decoded cookies remembered).
import { randomUUID } from "node:crypto";
import { decode as nextAuthDecode } from "next-auth/jwt";
import { issueAccessToken, verifyAccessToken } from "@/lib/sessions/access-token";
import { ensureFreshClaims, type FreshnessDeps } from "@/lib/auth/freshness";
import { SESSION_MAX_AGE_SECONDS } from "@/lib/auth/session-cookie";
import { generatePrivateJwk, adoptSigningKey } from "@/lib/sessions/signing-keys";
import { type AuthToken, isAuthToken } from "@/lib/auth/token";
import { TokenCodec } from "@/lib/auth/token-codec";
import { median } from "./report";

const PASSES_PER_REQUEST = 2; // proxy, then the data access layer

export type AuthWorkCase = { memo: boolean; deps: () => FreshnessDeps };

/** Median µs of the auth work of one request, over `batches` batches of `requests`. */
export async function measureAuthWork(
  token: AuthToken,
  secret: string,
  { memo, deps }: AuthWorkCase,
  { batches, requests }: { batches: number; requests: number },
): Promise<number> {
  const codec = new TokenCodec(secret);
  const cookie = await codec.encode(token, SESSION_MAX_AGE_SECONDS);
  const decode = memo
    ? (value: string) => codec.decode(value)
    : (value: string) => nextAuthDecode({ token: value, secret });

  const oneRequest = async (d: FreshnessDeps) => {
    for (let pass = 0; pass < PASSES_PER_REQUEST; pass++) {
      const decoded = await decode(cookie);
      if (!isAuthToken(decoded)) throw new Error("the benchmark cookie did not decode");
      const result = await ensureFreshClaims(decoded, d);
      if (result.kind !== "current") throw new Error(`check answered "${result.kind}", not "current"`);
    }
  };

  const perRequest: number[] = [];
  for (let b = 0; b < batches + Math.ceil(batches / 10); b++) {
    await letTheLoopRun();
    const d = deps();
    const start = process.hrtime.bigint();
    for (let i = 0; i < requests; i++) await oneRequest(d);
    const micros = Number(process.hrtime.bigint() - start) / 1000 / requests;
    if (b >= Math.ceil(batches / 10)) perRequest.push(micros); // the first tenth warms up
  }
  return median(perRequest);
}

/**
 * Median µs of the auth work of one bearer request (`Authorization: Bearer`):
 * the route verifies the access token (remembered per token value after the
 * first, expiry checked) and checks freshness once; the proxy does nothing.
 */
export async function measureBearerWork(
  token: AuthToken,
  deps: () => FreshnessDeps,
  { batches, requests }: { batches: number; requests: number },
): Promise<number> {
  // A key of its own in memory: the benchmark's process has no app database to keep one in.
  adoptSigningKey(await generatePrivateJwk());
  const value = await issueAccessToken({ ...token, sid: randomUUID() });
  const perRequest: number[] = [];
  for (let b = 0; b < batches + Math.ceil(batches / 10); b++) {
    await letTheLoopRun();
    const d = deps();
    const start = process.hrtime.bigint();
    for (let i = 0; i < requests; i++) {
      const verified = await verifyAccessToken(value);
      if (verified.kind !== "valid") throw new Error(`the benchmark token is ${verified.kind}`);
      const result = await ensureFreshClaims(verified.token, d);
      if (result.kind !== "current") throw new Error(`check answered "${result.kind}", not "current"`);
    }
    const micros = Number(process.hrtime.bigint() - start) / 1000 / requests;
    if (b >= Math.ceil(batches / 10)) perRequest.push(micros);
  }
  return median(perRequest);
}

/**
 * Between batches, outside the timing: lets the change listener read its
 * echoes, as a server's loop does between requests. A loop that never yields
 * is a starved instance, whose cache rightly stops answering (docs/SCALING.md).
 */
export const letTheLoopRun = () => new Promise<void>((resolve) => setImmediate(resolve));
