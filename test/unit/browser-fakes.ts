// Browser APIs the client modules use, faked for Node with the behaviour the
// modules rely on, so that a test can open several "tabs" in one process and
// decide when each message or lock arrives. Not a test file: the unit tests of
// lib/client import it.
import { vi } from "vitest";

/**
 * BroadcastChannel as the tabs of one browser see it: a message reaches every
 * other open channel of the same name, never the sender, as a copy, and
 * later (a microtask here; `await settle()` delivers everything queued).
 */
export class FakeBroadcastChannel {
  static readonly open = new Set<FakeBroadcastChannel>();
  /** Every message posted on any channel, in order, with the channel's name and the time (Date.now()). */
  static readonly posted: { name: string; data: unknown; at: number }[] = [];

  onmessage: ((event: MessageEvent) => void) | null = null;
  closed = false;

  constructor(readonly name: string) {
    FakeBroadcastChannel.open.add(this);
  }

  postMessage(data: unknown): void {
    if (this.closed) throw new DOMException("BroadcastChannel is closed", "InvalidStateError");
    FakeBroadcastChannel.posted.push({ name: this.name, data, at: Date.now() });
    const copy: unknown = structuredClone(data);
    const others = [...FakeBroadcastChannel.open].filter((c) => c !== this && c.name === this.name);
    const deliver = () => {
      for (const other of others) if (!other.closed) other.onmessage?.({ data: copy } as MessageEvent);
    };
    if (FakeBroadcastChannel.held) FakeBroadcastChannel.held.push(deliver);
    else void Promise.resolve().then(deliver);
  }

  /** While held (tabs busy at the same moment), messages wait for `deliverHeld()`. */
  private static held: (() => void)[] | null = null;

  static hold(): void {
    FakeBroadcastChannel.held ??= [];
  }

  /** Delivers the messages held, in order, and stops holding. */
  static deliverHeld(): void {
    const held = FakeBroadcastChannel.held ?? [];
    FakeBroadcastChannel.held = null;
    for (const deliver of held) deliver();
  }

  close(): void {
    this.closed = true;
    FakeBroadcastChannel.open.delete(this);
  }

  static reset(): void {
    FakeBroadcastChannel.open.clear();
    FakeBroadcastChannel.posted.length = 0;
    FakeBroadcastChannel.held = null;
  }
}

/** Lets every queued message, lock grant and promise callback run (a task boundary). */
export const settle = (): Promise<void> => new Promise((resolve) => setImmediateReal(resolve));
const setImmediateReal = globalThis.setImmediate;

type LockRequest = { grant: () => void };

/**
 * navigator.locks with exclusive locks: the first request for a free name is
 * granted at once (its callback runs a microtask later; aborting then is too
 * late), later ones queue in order; a queued request whose signal aborts
 * leaves the queue and rejects with an AbortError. The lock is held until the
 * promise the callback returns settles.
 */
export class FakeLockManager {
  /** The name of every request made, in order. */
  readonly requested: string[] = [];
  /** When set, every request rejects with it (as a browser refusing locks to the page would). */
  refuseWith: Error | null = null;
  private readonly held = new Set<string>();
  private readonly queues = new Map<string, LockRequest[]>();

  request(
    name: string,
    options: { signal?: AbortSignal },
    callback: (lock: { name: string }) => unknown,
  ): Promise<unknown> {
    this.requested.push(name);
    const { signal } = options;
    return new Promise((resolve, reject) => {
      if (this.refuseWith) return reject(this.refuseWith);
      if (signal?.aborted) return reject(new DOMException("aborted", "AbortError"));
      const grant = () => {
        signal?.removeEventListener("abort", onAbort);
        this.held.add(name);
        void Promise.resolve()
          .then(() => callback({ name }))
          .then(resolve, reject)
          .finally(() => {
            this.held.delete(name);
            this.queues.get(name)?.shift()?.grant();
          });
      };
      const entry: LockRequest = { grant };
      const onAbort = () => {
        const queue = this.queues.get(name) ?? [];
        queue.splice(queue.indexOf(entry), 1);
        reject(new DOMException("aborted", "AbortError"));
      };
      if (!this.held.has(name)) return grant();
      signal?.addEventListener("abort", onAbort, { once: true });
      this.queues.set(name, [...(this.queues.get(name) ?? []), entry]);
    });
  }

  /** Requests waiting for `name`. */
  waiting(name: string): number {
    return this.queues.get(name)?.length ?? 0;
  }

  isHeld(name: string): boolean {
    return this.held.has(name);
  }
}

/** An EventTarget that knows how many listeners are added and not yet removed. */
export class CountingEventTarget extends EventTarget {
  private readonly active = new Map<string, Set<EventListenerOrEventListenerObject>>();

  override addEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject | null,
    options?: AddEventListenerOptions | boolean,
  ): void {
    super.addEventListener(type, listener, options);
    if (listener) this.active.set(type, (this.active.get(type) ?? new Set()).add(listener));
  }

  override removeEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject | null,
    options?: EventListenerOptions | boolean,
  ): void {
    super.removeEventListener(type, listener, options);
    if (listener) this.active.get(type)?.delete(listener);
  }

  get listeners(): number {
    return [...this.active.values()].reduce((sum, set) => sum + set.size, 0);
  }

  fire(type: string): void {
    this.dispatchEvent(new Event(type));
  }
}

/** One tab's `window` and `document`: only the events a test fires on them. */
export type FakeTab = { window: CountingEventTarget; document: CountingEventTarget };

export const fakeTab = (): FakeTab => ({
  window: new CountingEventTarget(),
  document: new CountingEventTarget(),
});

/** Runs `fn` with `tab`'s window and document as the globals, as code in that tab would. */
export function inside<T>(tab: FakeTab, fn: () => T): T {
  vi.stubGlobal("window", tab.window);
  vi.stubGlobal("document", tab.document);
  return fn();
}

/** A tab running a leader election: how often its job started and stopped. */
export type JobTab = FakeTab & {
  starts: number;
  stops: number;
  readonly running: boolean;
  /** The function the election returned: the tab goes away. */
  close(): void;
};

/** Opens a tab that joins the election `lead` (leadOneTab, leadByChannel) for `name`. */
export function openJobTab(lead: (name: string, job: () => () => void) => () => void, name: string): JobTab {
  const tab: JobTab = {
    ...fakeTab(),
    starts: 0,
    stops: 0,
    get running() {
      return this.starts > this.stops;
    },
    close: () => {},
  };
  const close = inside(tab, () =>
    lead(name, () => {
      tab.starts++;
      return () => void tab.stops++;
    }),
  );
  tab.close = () => inside(tab, close);
  return tab;
}
