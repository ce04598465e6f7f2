// Keeps a StampCache exact: LISTENs on "authz_changes" and drops the entries
// of the users each notification names. When the listening connection is
// lost, the cache goes dark (every check reads the database) until the
// listener has re-subscribed, and then starts again from empty.
import type { StampCache } from "@/lib/auth/stamp-cache";
import { parseChangePayload } from "@/lib/auth/stamp-cache";
import type { Database, ListenHandle } from "./open";

export const CHANGES_CHANNEL = "authz_changes";

export type ChangeListenerOptions = {
  /** Delays between reconnection attempts, in ms; the last one repeats. */
  retryDelays?: number[];
  log?: (message: string) => void;
  /** Called with the user ids of every announced change ("*" → null). */
  onChange?: (userIds: string[] | null) => void;
};

export class ChangeListener {
  private handle: ListenHandle | null = null;
  private attempt = 0;
  private stopped = false;
  private timer: NodeJS.Timeout | null = null;
  private readonly retryDelays: number[];
  private readonly log: (message: string) => void;
  /** Resolves once the first subscription succeeded (or failed; the retries go on). */
  readonly started: Promise<void>;

  constructor(
    private readonly db: Database,
    private readonly cache: StampCache,
    private readonly options: ChangeListenerOptions = {},
  ) {
    this.retryDelays = options.retryDelays ?? [100, 250, 500, 1000, 2000, 5000];
    this.log = options.log ?? ((m) => console.info(`[authz] ${m}`));
    this.started = this.subscribe();
  }

  private async subscribe(): Promise<void> {
    if (this.stopped) return;
    try {
      this.handle = await this.db.listen(
        CHANGES_CHANNEL,
        (payload) => this.onPayload(payload),
        (error) => this.onLost(error),
      );
      if (this.attempt > 0) this.log(`listening again after ${this.attempt} attempt(s); cache re-synced`);
      this.attempt = 0;
      this.cache.goLive();
    } catch (error) {
      this.onLost(error instanceof Error ? error : new Error(String(error)));
    }
  }

  private onPayload(payload: string): void {
    const change = parseChangePayload(payload);
    if (change.all) this.cache.invalidateAll();
    else this.cache.invalidate(change.userIds);
    this.options.onChange?.(change.all ? null : change.userIds);
  }

  private onLost(error: Error): void {
    this.cache.goDark();
    this.handle = null;
    if (this.stopped) return;
    const delay = this.retryDelays[Math.min(this.attempt, this.retryDelays.length - 1)] ?? 1000;
    if (this.attempt === 0)
      this.log(`change listener lost (${error.message}); reading the database per request`);
    this.attempt++;
    this.timer = setTimeout(() => void this.subscribe(), delay);
    this.timer.unref?.();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.cache.goDark();
    await this.handle?.close();
    this.handle = null;
  }
}
