// lib/live: this instance's view of the database's changes. The change
// listener (lib/db) is connected here (./wiring.ts) to the stamp cache that
// the freshness check reads (lib/auth) and to the change hub that wakes the
// event streams (lib/push); ./instance.ts makes these once per process.
export { type ChangeHub, changeHub } from "./change-hub";
export { type Health, instanceHealth } from "./health";
export { type LiveInstance, liveInstance, settleChanges } from "./instance";
export { databaseStamps, StampCache, type StampSource } from "@/lib/auth/stamp-cache";
export { connectListener } from "./wiring";
