// LISTENs on "authz_changes" and reports what it hears (onChange, onLive,
// onDark), and nothing more: what that means (a stamp cache, event streams) is
// lib/live/wiring.ts's business; this module knows no consumer.
//
// One loop (run) owns the connection: it connects, holds it until it is lost,
// waits, and connects again. Nothing else calls db.listen, so a failure the
// driver reports twice (pg rejects connect() and emits 'end') leads to one
// retry, and there is never more than one LISTEN connection: an attempt that
// succeeds after its deadline is closed on arrival, never adopted.
//
// A connection can die silently (a partition sends no error), so the listener
// sends itself an echo now and then; one that does not come back in time
// means the connection is lost. The echo is also a barrier: PostgreSQL
// delivers notifications in commit order, so once an echo sent after a commit
// is back, this instance has heard of everything that commit announced (sync()).
// And a measure: the send time of the newest echo back says how current the
// listener is, however late this process's event loop runs (isCurrent()).
import { type Backoff, backoffDelay, DEFAULT_BACKOFF } from "./backoff";
import { CHANGES_CHANNEL, parseChangePayload } from "./change-channel";
import { attemptListen, type Subscription } from "./listen-attempt";
import { ListenerCurrency } from "./listener-currency";
import { Echoes } from "./listener-echoes";
import type { ListenHandle, ListenSource } from "./listen-source";
import {
  type ChangeListenerOptions,
  type ChangeListenerStats,
  DEFAULT_MAX_STALENESS_MS,
  type Heartbeat,
  heartbeatOf,
} from "./change-listener-options";

export { type ChangeListenerOptions, DEFAULT_MAX_STALENESS_MS } from "./change-listener-options";

const closeQuietly = (handle: ListenHandle) => handle.close().catch(() => {});

export class ChangeListener {
  private current: Subscription | null = null;
  /** Between onLive and onDark. */
  private live = false;
  private stopped = false;
  private attempts = 0;
  private lateClosed = 0;
  /** Ends whatever the loop is waiting for (an attempt, a connection, a backoff); set by each wait. */
  private interrupt: (() => void) | null = null;
  private heartbeatTimer: NodeJS.Timeout | null = null;
  private heartbeatRunning = false;
  private readonly heartbeat: Heartbeat | null;
  private readonly currency: ListenerCurrency;
  private readonly echoes: Echoes;
  private readonly backoff: Backoff;
  private readonly log: (message: string) => void;
  private readonly loop: Promise<void>;
  private markStarted: () => void = () => {};
  /** Resolves once the first attempt succeeded or failed (the loop goes on either way). */
  readonly started: Promise<void>;

  constructor(
    private readonly db: ListenSource,
    private readonly options: ChangeListenerOptions = {},
  ) {
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.log = options.log ?? ((m) => console.info(`[authz] ${m}`));
    this.currency = new ListenerCurrency(options.maxStalenessMs ?? DEFAULT_MAX_STALENESS_MS, options.clock);
    this.echoes = new Echoes(db.sql, this.currency);
    const heartbeat = (this.heartbeat = heartbeatOf(options));
    this.started = new Promise<void>((resolve) => (this.markStarted = resolve));
    this.loop = this.run().finally(() => this.markStarted());
    if (heartbeat) {
      this.heartbeatTimer = setInterval(() => void this.beat(heartbeat.timeoutMs), heartbeat.everyMs);
      this.heartbeatTimer.unref?.();
    }
  }

  /** The one reconnect loop of this instance. */
  private async run(): Promise<void> {
    let failures = 0; // consecutive attempts that gave no lasting connection, for the backoff
    let retries = 0; // attempts since the last connection was lost, for the log
    let subscriptions = 0;
    while (!this.stopped) {
      const outcome = await this.attempt();
      this.markStarted();
      if (outcome === null || this.stopped) {
        if (outcome && !(outcome instanceof Error)) await closeQuietly(outcome.handle); // stopped meanwhile
        break;
      }
      if (outcome instanceof Error) {
        if (subscriptions === 0 && retries === 0)
          this.log(`change listener cannot subscribe (${outcome.message}); reading the database per request`);
        failures++;
        retries++;
      } else {
        const resumed = subscriptions++ > 0 || retries > 0;
        const after = retries > 0 ? ` after ${retries} failed attempt(s)` : "";
        if (resumed) this.log(`listening again${after}; cache re-synced`);
        retries = 0;
        const liveMs = await this.hold(outcome, resumed);
        // A connection that drops at once (a flapping server) must not reset the backoff.
        failures = liveMs >= this.backoff.capMs ? 0 : failures + 1;
      }
      if (!this.stopped) await this.sleep(backoffDelay(failures, this.backoff, this.options.random));
    }
  }

  /** One call to db.listen, bounded by the attempt deadline and by stop(). */
  private attempt(): Promise<Subscription | Error | null> {
    this.attempts++;
    const attempt = attemptListen(
      this.db,
      CHANGES_CHANNEL,
      (payload) => {
        if (!this.stopped) this.onPayload(payload);
      },
      {
        timeoutMs: this.options.attemptTimeoutMs ?? 10_000,
        // Dark at the moment the loss is reported, before anything else runs.
        onLoss: () => this.goDark(),
        onLateClose: () => this.lateClosed++,
      },
    );
    this.interrupt = attempt.cancel;
    return attempt.outcome.finally(() => (this.interrupt = null));
  }

  /** Holds the connection while it lives (reported live meanwhile); returns how long it lived, in ms. */
  private async hold(connection: Subscription, resumed: boolean): Promise<number> {
    this.current = connection;
    const since = Date.now();
    this.currency.forget(); // proofs start with this connection's first echo, sent at once
    this.live = true;
    this.report("onLive", () => this.options.onLive?.());
    // Changes may have been missed while nobody listened: everyone rechecks.
    if (resumed) this.announce(null);
    if (this.heartbeat) {
      this.heartbeatRunning = false; // a beat still out on the lost connection says nothing of this one
      void this.beat(this.heartbeat.timeoutMs);
    }
    this.interrupt = () => connection.lose(new Error("stopped"));
    const error = await connection.lost;
    this.interrupt = null;
    this.current = null;
    this.goDark();
    if (!this.stopped) this.log(`change listener lost (${error.message}); reading the database per request`);
    await closeQuietly(connection.handle); // also after a reported loss: ends the client and frees its socket
    return Date.now() - since;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const finish = () => {
        clearTimeout(timer);
        this.interrupt = null;
        resolve();
      };
      const timer = setTimeout(finish, ms);
      timer.unref?.();
      this.interrupt = finish;
    });
  }

  private onPayload(payload: string): void {
    if (this.echoes.take(payload)) return; // our own echo, or another instance's
    this.announce(parseChangePayload(payload).userIds);
  }

  private announce(userIds: string[] | null): void {
    this.report("onChange", () => this.options.onChange?.(userIds));
  }

  /** Reported once per transition, however many ways the loss is noticed. */
  private goDark(): void {
    if (!this.live) return;
    this.live = false;
    this.currency.forget();
    this.report("onDark", () => this.options.onDark?.());
  }

  /** A subscriber that throws must not stop the loop or the other notifications. */
  private report(event: string, call: () => void): void {
    try {
      call();
    } catch (error) {
      this.log(
        `change subscriber failed (${event}): ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  /**
   * Resolves once this instance has heard of every change committed before
   * the call, so a write made through this instance is in effect here before
   * its response goes out. An echo that does not come back in time means the
   * connection is lost: the listener goes dark, which is just as safe.
   */
  async sync(timeoutMs = 1_000): Promise<void> {
    const connection = this.current;
    if (connection && !(await this.echoes.send(timeoutMs)))
      connection.lose(new Error(`no echo within ${timeoutMs} ms`));
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

  get isLive(): boolean {
    return this.current !== null && this.live;
  }

  /**
   * Whether every change committed more than maxStalenessMs ago has been
   * reported: live, and an echo sent at most that long ago is back. Costs a
   * clock read; the stamp cache asks it before answering from memory.
   */
  isCurrent(): boolean {
    return this.isLive && this.currency.proves();
  }

  /** ms since the newest echo back was sent: at most this far behind; null while not live. */
  lagMs(): number | null {
    return this.isLive ? this.currency.lagMs() : null;
  }

  get maxStalenessMs(): number {
    return this.currency.boundMs;
  }

  stats(): ChangeListenerStats {
    return { attempts: this.attempts, lateClosed: this.lateClosed, live: this.isLive };
  }

  /** Stops the loop and the heartbeat, closes the connection; no timer is left behind. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = null;
    this.echoes.releaseAll(); // nothing left to wait for
    this.interrupt?.();
    this.goDark();
    await this.loop;
  }
}
