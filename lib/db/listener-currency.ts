// How current the change listener is, proved through the database, not by
// timers. The listener sends itself echoes (./listener-echoes.ts), noting the
// moment each is sent. PostgreSQL delivers notifications in commit order, and
// an echo commits after it was sent, so once an echo sent at S is back, every
// change committed before S has been reported. Memory may answer a check at
// time T only if such an S ≥ T − boundMs is known: then every change
// committed more than boundMs before T has been heard.
//
// Why the send time, and not "an echo came back within the last B ms": on a
// starved event loop timers and callbacks run late, so an echo processed "just
// now" may have been sent seconds ago while later notifications still sit
// unread in the socket. Both times are read from one monotonic clock, S before
// the echo is sent and T when the check runs, so any stall in between counts
// against the listener, never for it.

export class ListenerCurrency {
  /** Send time of the newest echo heard on the current connection. */
  private heardThrough = Number.NEGATIVE_INFINITY;

  constructor(
    readonly boundMs: number,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  /** The send time to note for an echo: read it before sending. */
  now(): number {
    return this.clock();
  }

  /** An echo sent at `sentAt` is back: everything committed before it has been reported. */
  heard(sentAt: number): void {
    if (sentAt > this.heardThrough) this.heardThrough = sentAt;
  }

  /** A new or lost connection: nothing heard before proves anything now. */
  forget(): void {
    this.heardThrough = Number.NEGATIVE_INFINITY;
  }

  /** Whether every change committed more than boundMs ago has been heard. */
  proves(): boolean {
    return this.clock() - this.heardThrough <= this.boundMs;
  }

  /** ms since the newest echo heard was sent (how far behind the listener may be); null before any. */
  lagMs(): number | null {
    return this.heardThrough === Number.NEGATIVE_INFINITY ? null : this.clock() - this.heardThrough;
  }
}
