// The client address that sign-in limits count against.
//
// Next 16 gives route handlers no request.ip. `next start` does set
// X-Forwarded-For, but only when the request has none (`??=` in Next's base
// server): a client that sends its own X-Forwarded-For replaces its real
// address with anything it likes. So by default the header is never read;
// the socket's address is, copied into PEER_ADDRESS_HEADER for every request
// (overwriting whatever a client sent under that name): Node publishes every
// incoming request on the "http.server.request.start" diagnostics channel,
// with its socket, before the server's request handler (Next's) sees it, and
// instrumentation.ts subscribes once per server process (capturePeerAddresses).
// Behind load balancers that append to X-Forwarded-For, AUTH_TRUSTED_PROXY_HOPS
// says how many of its right-hand entries were written by them.
import { subscribe } from "node:diagnostics_channel";
import type { IncomingMessage } from "node:http";
import { isIPv4, isIPv6, type Socket } from "node:net";
import { env } from "@/lib/env";
import { processSlot } from "@/lib/process-state";
import type { SessionOrigin } from "@/lib/auth/session-registry";

export const PEER_ADDRESS_HEADER = "x-live-authz-peer";

export type HeaderSource = { get(name: string): string | null } | Record<string, unknown>;

function readHeader(headers: HeaderSource, name: string): string | null {
  if (typeof headers.get === "function") return (headers as { get(n: string): string | null }).get(name);
  const value = (headers as Record<string, unknown>)[name];
  return typeof value === "string" ? value : null;
}

/** What a request says about where it came from. `peer` only from capturePeerAddresses, never from the client. */
type RequestOrigin = { peer: string | null; forwardedFor: string | null };

/**
 * The client's address as a limit key, or null when it cannot be known.
 * trustedHops 0: the TCP peer. n > 0: the n-th X-Forwarded-For entry from the
 * right (the address the outermost trusted proxy saw), or the leftmost when
 * there are fewer entries than trusted proxies.
 */
export function clientAddress(origin: RequestOrigin, trustedHops: number): string | null {
  if (trustedHops === 0) return addressKey(origin.peer);
  const entries = (origin.forwardedFor ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) return addressKey(origin.peer);
  return addressKey(entries[Math.max(0, entries.length - trustedHops)]);
}

/**
 * IPv4 as is (also when written as IPv4-mapped IPv6); IPv6 by its /64, since
 * one subscriber usually holds a whole /64 and could otherwise rotate through
 * it. Anything that is not an address gives null.
 */
export function addressKey(raw: string | null | undefined): string | null {
  const address = raw?.trim().replace(/^\[(.*)\]$/, "$1") ?? "";
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped && isIPv4(mapped[1]!)) return mapped[1]!;
  if (isIPv4(address)) return address;
  if (!isIPv6(address)) return null;
  return `${expandIPv6(address).slice(0, 4).join(":")}::/64`;
}

/** The eight groups of an IPv6 address, without leading zeros ("2001:db8::1" → 2001, db8, 0, …, 1). */
function expandIPv6(address: string): string[] {
  // A trailing dotted quad ("::ffff:1.2.3.4", "64:ff9b::1.2.3.4") is the last two groups.
  const text = address.toLowerCase().replace(/(\d+)\.(\d+)\.(\d+)\.(\d+)$/, (...q: string[]) => {
    const [a, b, c, d] = q.slice(1, 5).map(Number) as [number, number, number, number];
    return `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  });
  const [head = "", tail] = text.split("::");
  const groups = (part: string) => (part ? part.split(":") : []);
  const left = groups(head);
  const right = tail === undefined ? [] : groups(tail);
  const fill = Array<string>(Math.max(0, 8 - left.length - right.length)).fill("0");
  return [...left, ...fill, ...right].map((g) => parseInt(g, 16).toString(16));
}

// Set by instrumentation, read by the route handlers: another bundle (lib/process-state.ts).
const capturing = processSlot<boolean>("peerCapture");

type RequestStart = { request: IncomingMessage; socket: Socket };

export function capturePeerAddresses(): void {
  if (capturing.get()) return;
  subscribe("http.server.request.start", (message) => {
    const { request, socket } = message as RequestStart;
    // Always overwritten: whatever a client sent under this name is discarded.
    request.headers[PEER_ADDRESS_HEADER] = socket.remoteAddress ?? "";
  });
  capturing.set(true);
}

/** Whether this process stamps requests; if not, the header may come from the client and is ignored. */
export function peerCaptureActive(): boolean {
  return capturing.get() === true;
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

/** The origin of a request that signs in, for its session row (the address as the sign-in limits count it). */
export function originOf(headers: HeaderSource): SessionOrigin {
  return { userAgent: readHeader(headers, "user-agent"), clientAddress: requestAddress(headers) };
}
