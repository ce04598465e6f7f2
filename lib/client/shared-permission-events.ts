// One event stream per browser and user, however many tabs are open: one tab
// holds the stream (lib/client/tab-leader.ts) and relays what it hears to the
// other tabs over BroadcastChannel; each tab handles the events as if it had
// the stream itself. When the holding tab goes away another takes over, and
// its new stream starts with the current permission stamp, so nothing is
// missed between. A tab that opens (or reloads) asks the holder for the
// latest permissionsUpdatedAt: a
// change relayed while it was loading would otherwise pass it by.
import { type PermissionEventHandlers, subscribePermissionEvents } from "./permission-events";
import { leadOneTab } from "./tab-leader";

type Relayed =
  | { type: "permissions"; permissionsUpdatedAt: number; changed: boolean }
  | { type: "revoked" }
  | { type: "hello" };

export function subscribeSharedPermissionEvents(
  userId: string,
  handlers: PermissionEventHandlers,
): () => void {
  if (typeof BroadcastChannel === "undefined") return subscribePermissionEvents(handlers);
  const name = `live-authz:events:${userId}`;
  const channel = new BroadcastChannel(name);
  const relay = (message: Relayed) => channel.postMessage(message);
  /** The latest permissionsUpdatedAt this tab's own stream delivered; null while another tab holds the stream. */
  let latest: number | null = null;

  channel.onmessage = ({ data }: MessageEvent<Relayed>) => {
    if (data.type === "hello" && latest !== null)
      relay({ type: "permissions", permissionsUpdatedAt: latest, changed: false });
    if (data.type === "permissions") handlers.onPermissions(data.permissionsUpdatedAt, data.changed);
    if (data.type === "revoked") handlers.onRevoked();
  };
  const leave = leadOneTab(name, () => {
    const stop = subscribePermissionEvents({
      onPermissions(permissionsUpdatedAt, changed) {
        latest = permissionsUpdatedAt;
        relay({ type: "permissions", permissionsUpdatedAt, changed });
        handlers.onPermissions(permissionsUpdatedAt, changed);
      },
      onRevoked() {
        relay({ type: "revoked" });
        handlers.onRevoked();
      },
    });
    return () => {
      latest = null;
      stop();
    };
  });
  relay({ type: "hello" });
  return () => {
    leave();
    channel.close();
  };
}
