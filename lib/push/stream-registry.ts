// Counts the open event streams of this instance, per user and in all, and
// refuses a new one past either cap. Taking and giving back a slot are
// synchronous, so two requests arriving together cannot both take the last
// slot, and a slot given back twice (a stream that ends in two ways at once)
// counts once.

import { env } from "@/lib/env";
import { onePerProcess, processSlot } from "@/lib/process-state";

export type StreamLimits = { perUser: number; perInstance: number };

/** How long a refused client should wait: a user's own slot frees when one of their tabs closes. */
export const RETRY_AFTER_SECONDS = { user: 30, instance: 15 } as const;

export type StreamRefusal = { refused: "user" | "instance"; retryAfterSeconds: number };

export class StreamSlot {
  private held = true;

  constructor(
    private readonly registry: StreamRegistry,
    readonly userId: string,
  ) {}

  /** Gives the slot back; later calls do nothing. */
  release(): void {
    if (!this.held) return;
    this.held = false;
    this.registry.returned(this.userId);
  }
}

export class StreamRegistry {
  private readonly byUser = new Map<string, number>();
  private total = 0;

  /** Limits are read on every acquire, so a test (or a changed setting) takes effect at once. */
  constructor(private readonly limits: () => StreamLimits) {}

  acquire(userId: string): StreamSlot | StreamRefusal {
    const { perUser, perInstance } = this.limits();
    const mine = this.byUser.get(userId) ?? 0;
    if (mine >= perUser) return { refused: "user", retryAfterSeconds: RETRY_AFTER_SECONDS.user };
    if (this.total >= perInstance)
      return { refused: "instance", retryAfterSeconds: RETRY_AFTER_SECONDS.instance };
    this.byUser.set(userId, mine + 1);
    this.total++;
    return new StreamSlot(this, userId);
  }

  /** Called by StreamSlot.release only, once per slot. */
  returned(userId: string): void {
    const mine = this.byUser.get(userId) ?? 0;
    if (mine <= 1) this.byUser.delete(userId);
    else this.byUser.set(userId, mine - 1);
    this.total--;
  }

  get open(): number {
    return this.total;
  }

  openFor(userId: string): number {
    return this.byUser.get(userId) ?? 0;
  }

  /** Users holding at least one stream (the map never keeps a zero). */
  get users(): number {
    return this.byUser.size;
  }
}

/** The instance's registry, shared by the route bundles (lib/process-state.ts). */
export function streamRegistry(): StreamRegistry {
  return onePerProcess(
    processSlot<StreamRegistry>("streamRegistry"),
    () =>
      new StreamRegistry(() => {
        const { eventStreamsPerUser, eventStreamsPerInstance } = env();
        return { perUser: eventStreamsPerUser, perInstance: eventStreamsPerInstance };
      }),
  );
}
