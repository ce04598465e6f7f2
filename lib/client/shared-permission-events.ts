// One event stream per browser and user, however many tabs are open: one tab
// holds the stream (lib/client/tab-leader.ts) and relays what it hears to the
// other tabs over BroadcastChannel; each tab handles the events as if it had
// the stream itself. When the holding tab goes away another takes over, and
// its new stream starts with the current stamp, so nothing is missed between.
import { type PermissionEventHandlers, subscribePermissionEvents } from "./permission-events";
import { leadOneTab } from "./tab-leader";

type Relayed = { type: "stamp"; stamp: number; changed: boolean } | { type: "revoked" };

export function subscribeSharedPermissionEvents(
  userId: string,
  handlers: PermissionEventHandlers,
): () => void {
  if (typeof BroadcastChannel === "undefined") return subscribePermissionEvents(handlers);
  const name = `live-authz:events:${userId}`;
  const channel = new BroadcastChannel(name);
  channel.onmessage = ({ data }: MessageEvent<Relayed>) => {
    if (data.type === "stamp") handlers.onStamp(data.stamp, data.changed);
    if (data.type === "revoked") handlers.onRevoked();
  };
  const leave = leadOneTab(name, () =>
    subscribePermissionEvents({
      onStamp(stamp, changed) {
        channel.postMessage({ type: "stamp", stamp, changed } satisfies Relayed);
        handlers.onStamp(stamp, changed);
      },
      onRevoked() {
        channel.postMessage({ type: "revoked" } satisfies Relayed);
        handlers.onRevoked();
      },
    }),
  );
  return () => {
    leave();
    channel.close();
  };
}
