// Keeps the open tabs of one user in step: when one tab learns newer claims or
// signs out, the others follow at once, without asking the server.
import type { ClientClaims } from "./claims";

export type TabMessage = { type: "claims"; claims: ClientClaims } | { type: "signed-out" };

type TabChannel = { post(message: TabMessage): void; close(): void };

export function openTabChannel(userId: string, onMessage: (message: TabMessage) => void): TabChannel {
  if (typeof BroadcastChannel === "undefined") return { post() {}, close() {} };
  const channel = new BroadcastChannel(`live-authz:${userId}`);
  channel.onmessage = (event: MessageEvent<TabMessage>) => onMessage(event.data);
  return { post: (message) => channel.postMessage(message), close: () => channel.close() };
}
