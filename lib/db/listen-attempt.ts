// One attempt to LISTEN, as the change listener's loop makes it: bounded by a
// deadline, cancellable, and never adopting a connection that arrives after
// the attempt has been given up (that one is closed at once).
import type { ListenHandle, ListenSource } from "./listen-source";

/** A subscribed connection; `lose` ends it once, however many times it is reported. */
export type Subscription = { handle: ListenHandle; lost: Promise<Error>; lose(error: Error): void };

type ListenAttempt = {
  /** The subscription, the error, or null when cancelled. */
  outcome: Promise<Subscription | Error | null>;
  cancel(): void;
};

const asError = (error: unknown) => (error instanceof Error ? error : new Error(String(error)));

export function attemptListen(
  db: ListenSource,
  channel: string,
  onPayload: (payload: string) => void,
  options: {
    timeoutMs: number;
    /** Called at once (before `lost` settles) the first time an adopted subscription is lost. */
    onLoss: () => void;
    onLateClose: () => void;
  },
): ListenAttempt {
  const controller = new AbortController();
  let subscription: Subscription | null = null;
  let resolveLost: (error: Error) => void = () => {};
  const lost = new Promise<Error>((resolve) => (resolveLost = resolve));
  let isLost = false;
  const lose = (error: Error) => {
    if (isLost) return;
    isLost = true;
    if (subscription) options.onLoss();
    resolveLost(error);
  };
  // A source that throws instead of rejecting must not break the loop.
  const pending = (async () =>
    db.listen(
      channel,
      (payload) => {
        if (subscription) onPayload(payload);
      },
      // pg reports a failure more than once ('error', 'end', the rejection):
      // only the first report counts, and only the loop acts on it.
      (error) => lose(error),
      { signal: controller.signal },
    ))();

  let cancel: () => void = () => {};
  const outcome = new Promise<Subscription | Error | null>((resolve) => {
    let settled = false;
    const settle = (result: Subscription | Error | null) => {
      settled = true;
      clearTimeout(deadline);
      if (!result || result instanceof Error) controller.abort(); // the source ends what it opened
      resolve(result);
    };
    const deadline = setTimeout(() => settle(new Error("no answer in time")), options.timeoutMs);
    deadline.unref?.();
    cancel = () => {
      if (!settled) settle(null);
    };
    pending.then(
      (handle) => {
        if (settled) {
          // Given up already (deadline or stop): never adopt it, close it.
          options.onLateClose();
          void handle.close().catch(() => {});
          return;
        }
        subscription = { handle, lost, lose };
        settle(subscription);
      },
      (error: unknown) => {
        if (!settled) settle(asError(error));
      },
    );
  });
  return { outcome, cancel };
}
