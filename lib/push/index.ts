// lib/push: Server-Sent Events that tell an open browser its permissions
// changed (GET /api/me/events, pages/api/me/events.ts), woken by this
// instance's change hub (lib/live), bounded per user and per instance.
// Nothing here may import "server-only": the Pages Router route loads it.
export { NodeResponseSink } from "./node-response-sink";
export {
  type EventSink,
  formatEvent,
  HEARTBEAT_MS,
  type PermissionEvent,
  PermissionStream,
} from "./permission-stream";
export { type RefusalAnswer, tooManyStreams } from "./stream-refusal";
export { RETRY_AFTER_SECONDS, type StreamLimits, streamRegistry } from "./stream-registry";
