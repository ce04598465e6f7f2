// Copies each request's TCP peer address into PEER_ADDRESS_HEADER, so route
// handlers can read an address the client cannot forge (see ./client-address.ts).
// Node publishes every incoming request on the "http.server.request.start"
// diagnostics channel, with its socket, before the server's request handler
// (Next's) sees it; instrumentation.ts subscribes once per server process.
import { subscribe } from "node:diagnostics_channel";
import type { IncomingMessage } from "node:http";
import type { Socket } from "node:net";
import { PEER_ADDRESS_HEADER } from "./client-address";

// Next bundles instrumentation and route handlers separately: the flag lives on globalThis.
const holder = globalThis as typeof globalThis & { __authzPeerCapture?: boolean };

type RequestStart = { request: IncomingMessage; socket: Socket };

export function capturePeerAddresses(): void {
  if (holder.__authzPeerCapture) return;
  subscribe("http.server.request.start", (message) => {
    const { request, socket } = message as RequestStart;
    // Always overwritten: whatever a client sent under this name is discarded.
    request.headers[PEER_ADDRESS_HEADER] = socket.remoteAddress ?? "";
  });
  holder.__authzPeerCapture = true;
}

/** Whether this process stamps requests; if not, the header may come from the client and is ignored. */
export function peerCaptureActive(): boolean {
  return holder.__authzPeerCapture === true;
}
