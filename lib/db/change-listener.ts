// Keeps a StampCache exact: LISTENs on "authz_changes" and drops the entries
// of the users each notification names. When the listening connection is
// lost, the cache goes dark (every check reads the database) until the
// listener has re-subscribed, and then starts again from empty.
//
// A connection can also die silently (a network partition sends no error).
// So the listener sends itself an echo through the database now and then;
// when it does not come back in time, the connection counts as lost.
//
// The same echo is a barrier: PostgreSQL delivers notifications in commit
// order, so once an echo sent after a commit has come back, this instance has
// heard of everything that commit announced (sync()).
import { randomUUID } from "node:crypto";
import type { StampCache } from "@/lib/auth/stamp-cache";
import { parseChangePayload } from "@/lib/auth/stamp-cache";
import type { Database, ListenHandle } from "./open";

export const CHANGES_CHANNEL = "authz_changes";
const ECHO_PREFIX = "echo:";

export type ChangeListenerOptions = {
  /** Delays between reconnection attempts, in ms; the last one repeats. */
  retryDelays?: number[];
  /** How often to check that notifications still arrive, and how long to wait for one. */
  heartbeat?: { everyMs: number; timeoutMs: number } | null;
  log?: (message: string) => void;
  /** Called with the user ids of every announced change; null when anything may have changed. */
  onChange?: (userIds: string[] | null) => void;
};

export class ChangeListener {
  private handle: ListenHandle | null = null;
  private attempt = 0;
  private stopped = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private heartbeatTimer: NodeJS.Timeout | null = null;
  private heartbeatRunning = false;
  private readonly echoes = new Map<string, () => void>();
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
    const heartbeat =
      options.heartbeat === undefined ? { everyMs: 10_000, timeoutMs: 3_000 } : options.heartbeat;
    if (heartbeat) {
      this.heartbeatTimer = setInterval(() => void this.beat(heartbeat.timeoutMs), heartbeat.everyMs);
      this.heartbeatTimer.unref?.();
    }
  }

  private async subscribe(): Promise<void> {
    if (this.stopped) return;
    try {
      this.handle = await this.db.listen(
        CHANGES_CHANNEL,
        (payload) => this.onPayload(payload),
        (error) => this.onLost(error),
      );
      const resumed = this.attempt > 0;
      if (resumed) this.log(`listening again after ${this.attempt} attempt(s); cache re-synced`);
      this.attempt = 0;
      this.cache.goLive();
      // Changes may have been missed while nobody listened: everyone rechecks.
      if (resumed) this.options.onChange?.(null);
    } catch (error) {
      this.onLost(error instanceof Error ? error : new Error(String(error)));
    }
  }

  private onPayload(payload: string): void {
    if (payload.startsWith(ECHO_PREFIX)) {
      this.echoes.get(payload)?.();
      return; // our own echo, or another instance's
    }
    const change = parseChangePayload(payload);
    if (change.all) this.cache.invalidateAll();
    else this.cache.invalidate(change.userIds);
    this.options.onChange?.(change.all ? null : change.userIds);
  }

  /**
   * Resolves once this instance has heard of every change committed before
   * the call, so a write made through this instance is in effect here before
   * its response goes out. An echo that does not come back in time means the
   * connection is lost: the cache goes dark, which is just as safe.
   */
  async sync(timeoutMs = 1_000): Promise<void> {
    if (this.handle && !(await this.echo(timeoutMs))) this.loseSilentConnection(timeoutMs);
  }

  /** The heartbeat is a sync nobody waits for; one at a time. */
  private async beat(timeoutMs: number): Promise<void> {
    if (this.heartbeatRunning) return;
    this.heartbeatRunning = true;
    try {
      await this.sync(timeoutMs);
    } finally {
      this.heartbeatRunning = false;
    }
  }

  /** Sends a unique notification to ourselves; true when it came back within `timeoutMs`. */
  private echo(timeoutMs: number): Promise<boolean> {
    const marker = `${ECHO_PREFIX}${randomUUID()}`;
    return new Promise<boolean>((resolve) => {
      const finish = (heard: boolean) => {
        clearTimeout(timer);
        this.echoes.delete(marker);
        resolve(heard);
      };
      const timer = setTimeout(() => finish(false), timeoutMs);
      timer.unref?.();
      this.echoes.set(marker, () => finish(true));
      // A failure to send is caught by the timeout.
      void this.db.sql.query("SELECT pg_notify($1, $2)", [CHANGES_CHANNEL, marker]).catch(() => {});
    });
  }

  private loseSilentConnection(timeoutMs: number): void {
    const handle = this.handle;
    if (!handle) return; // already lost and being replaced
    void handle.close();
    this.onLost(new Error(`no echo within ${timeoutMs} ms`));
  }

  private onLost(error: Error): void {
    this.cache.goDark();
    this.handle = null;
    if (this.stopped) return;
    const delay = this.retryDelays[Math.min(this.attempt, this.retryDelays.length - 1)] ?? 1000;
    if (this.attempt === 0)
      this.log(`change listener lost (${error.message}); reading the database per request`);
    this.attempt++;
    this.retryTimer = setTimeout(() => void this.subscribe(), delay);
    this.retryTimer.unref?.();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    this.cache.goDark();
    await this.handle?.close();
    this.handle = null;
  }
}
