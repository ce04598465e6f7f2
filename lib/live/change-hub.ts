// Fans the database's change announcements out to the open event streams of
// this instance (lib/push). One LISTEN connection per instance feeds it
// (./wiring.ts), however many browsers are connected; streams subscribe by user id.

type Subscriber = () => void;

export class ChangeHub {
  private readonly byUser = new Map<string, Set<Subscriber>>();

  subscribe(userId: string, subscriber: Subscriber): () => void {
    let set = this.byUser.get(userId);
    if (!set) this.byUser.set(userId, (set = new Set()));
    set.add(subscriber);
    return () => {
      set.delete(subscriber);
      if (set.size === 0) this.byUser.delete(userId);
    };
  }

  /** Some users changed, or (null) anything may have: wake the streams concerned. */
  changed(userIds: readonly string[] | null): void {
    const sets = userIds === null ? [...this.byUser.values()] : userIds.map((id) => this.byUser.get(id));
    for (const set of sets) for (const subscriber of set ?? []) subscriber();
  }
}

const holder = globalThis as typeof globalThis & { __authzChangeHub?: ChangeHub };

/** The instance's hub, shared by the route bundles and the change listener. */
export function changeHub(): ChangeHub {
  holder.__authzChangeHub ??= new ChangeHub();
  return holder.__authzChangeHub;
}
