// The change listener's echoes: unique notifications it sends itself through
// the database on the channel it listens to. PostgreSQL delivers
// notifications in commit order, so an echo that is back proves that every
// change committed before it was sent has been reported. One echo serves
// three ends: a barrier (sync), a heartbeat (a silently dead connection sends
// none back), and the proof of how current the listener is
// (./listener-currency.ts, told each echo's send time).
import { randomUUID } from "node:crypto";
import { CHANGES_CHANNEL, ECHO_PREFIX } from "./change-channel";
import type { ListenerCurrency } from "./listener-currency";
import type { SqlClient } from "./sql";

type Finish = (heard: boolean, counts?: boolean) => void;

export class Echoes {
  private readonly pending = new Map<string, Finish>();

  constructor(
    private readonly sql: Pick<SqlClient, "query">,
    readonly currency: ListenerCurrency,
  ) {}

  /** Sends an echo; true when it came back within `timeoutMs`. */
  send(timeoutMs: number): Promise<boolean> {
    const marker = `${ECHO_PREFIX}${randomUUID()}`;
    // Read before sending: the echo commits later still, so the proof errs on the safe side.
    const sentAt = this.currency.now();
    return new Promise<boolean>((resolve) => {
      const finish: Finish = (heard, counts = heard) => {
        clearTimeout(timer);
        this.pending.delete(marker);
        if (counts) this.currency.heard(sentAt);
        resolve(heard);
      };
      const timer = setTimeout(() => finish(false), timeoutMs);
      timer.unref?.();
      this.pending.set(marker, finish);
      // A failure to send is caught by the timeout.
      void this.sql.query("SELECT pg_notify($1, $2)", [CHANGES_CHANNEL, marker]).catch(() => {});
    });
  }

  /** Whether `payload` is an echo (ours, now heard, or another instance's, ignored). */
  take(payload: string): boolean {
    if (!payload.startsWith(ECHO_PREFIX)) return false;
    this.pending.get(payload)?.(true);
    return true;
  }

  /** Stopping: nobody waits any longer, and nothing is proved by it. */
  releaseAll(): void {
    for (const finish of [...this.pending.values()]) finish(true, false);
  }
}
