// attemptSignIn for a request that reached this server: the database, the
// limits and the trusted proxy hops come from the environment, the client
// address from the request's headers (see ./client-address.ts).
import "server-only";
import { getPrisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import { clientAddress, type HeaderSource, PEER_ADDRESS_HEADER, readHeader } from "./client-address";
import { peerCaptureActive } from "./peer-capture";
import { attemptSignIn, type SignInOutcome } from "./sign-in";

export async function signInFromRequest(input: unknown, headers: HeaderSource): Promise<SignInOutcome> {
  const { signInLimits } = env();
  return attemptSignIn({ prisma: await getPrisma(), limits: signInLimits }, input, requestAddress(headers));
}

let warned = false;

/** The client's address, or null (only the account is counted then) when it cannot be known. */
export function requestAddress(headers: HeaderSource): string | null {
  const hops = env().trustedProxyHops;
  // Without the capture in this process, the header could only have come from the client.
  const peer = peerCaptureActive() ? readHeader(headers, PEER_ADDRESS_HEADER) : null;
  if (hops === 0 && peer === null) {
    if (!warned)
      console.warn(
        "[auth] a request without a known client address (instrumentation.ts did not run in this process?): " +
          "sign-in failures are limited per account only",
      );
    warned = true;
    return null;
  }
  return clientAddress({ peer, forwardedFor: readHeader(headers, "x-forwarded-for") }, hops);
}
