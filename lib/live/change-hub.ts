// Fans the database's change announcements out to the open event streams of
// this instance (lib/push). One LISTEN connection per instance feeds it
// (./wiring.ts), however many browsers are connected; streams subscribe by
// user id. Subscribers are the stream objects themselves (no closure per
// stream: thousands may be open).
import { onePerProcess, processSlot } from "@/lib/process-state";

type HubSubscriber = { wake(): void };

export class ChangeHub {
  private readonly byUser = new Map<string, Set<HubSubscriber>>();

  subscribe(userId: string, subscriber: HubSubscriber): void {
    let set = this.byUser.get(userId);
    if (!set) this.byUser.set(userId, (set = new Set()));
    set.add(subscriber);
  }

  unsubscribe(userId: string, subscriber: HubSubscriber): void {
    const set = this.byUser.get(userId);
    if (!set?.delete(subscriber)) return;
    if (set.size === 0) this.byUser.delete(userId);
  }

  /** Some users changed, or (null) anything may have: wake the streams concerned. */
  changed(userIds: readonly string[] | null): void {
    const sets = userIds === null ? [...this.byUser.values()] : userIds.map((id) => this.byUser.get(id));
    for (const set of sets) for (const subscriber of set ?? []) subscriber.wake();
  }

  /** Users with at least one open stream on this instance. */
  get users(): number {
    return this.byUser.size;
  }
}

/** The instance's hub, shared by the route bundles and the change listener (lib/process-state.ts). */
export function changeHub(): ChangeHub {
  return onePerProcess(processSlot<ChangeHub>("changeHub"), () => new ChangeHub());
}
