// One timer for every stream's heartbeat on this instance, instead of one
// setInterval per stream. Members are spread over `slots` buckets and the
// timer visits one bucket per tick, so each member beats once a period and the
// work (a write and a freshness check per stream) is spread over the period
// instead of landing all at once.

type HeartbeatMember = { beat(): void };

export class HeartbeatWheel {
  private readonly buckets: Set<HeartbeatMember>[];
  private readonly tickMs: number;
  private cursor = 0;
  private nextBucket = 0;
  private size = 0;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(periodMs: number, slots = 15) {
    this.buckets = Array.from({ length: slots }, () => new Set<HeartbeatMember>());
    this.tickMs = Math.max(1, Math.round(periodMs / slots));
  }

  add(member: HeartbeatMember): void {
    const bucket = this.buckets[this.nextBucket]!;
    this.nextBucket = (this.nextBucket + 1) % this.buckets.length;
    if (bucket.has(member)) return;
    bucket.add(member);
    if (this.size++ === 0) this.start();
  }

  remove(member: HeartbeatMember): void {
    for (const bucket of this.buckets) {
      if (!bucket.delete(member)) continue;
      if (--this.size === 0) this.stop();
      return;
    }
  }

  get members(): number {
    return this.size;
  }

  get running(): boolean {
    return this.timer !== undefined;
  }

  private start(): void {
    this.timer = setInterval(() => this.tick(), this.tickMs);
    this.timer.unref?.(); // heartbeats alone never keep a process alive
  }

  private stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private tick(): void {
    const bucket = this.buckets[this.cursor]!;
    this.cursor = (this.cursor + 1) % this.buckets.length;
    // A copy: a member may leave (its stream ends) while it beats.
    for (const member of [...bucket]) {
      try {
        member.beat();
      } catch (error) {
        console.error("[events] heartbeat failed:", error instanceof Error ? error.message : error);
      }
    }
  }
}
