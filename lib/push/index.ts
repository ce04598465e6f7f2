// lib/push: Server-Sent Events that tell an open tab its permissions changed
// (GET /api/me/events), woken by this instance's change hub (lib/live).
export { formatEvent, type PermissionEvent, permissionStream } from "./permission-stream";
