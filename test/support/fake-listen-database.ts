// A Database whose LISTEN connections a unit test drives by hand: each call to
// listen() succeeds, fails the way pg fails (the rejection and an 'end'), or
// hangs until the test lets it succeed late, or throws instead of rejecting. Echoes sent with pg_notify come
// back on the newest open connection when `echoes` is on.
import { vi } from "vitest";
import type { Database, ListenHandle } from "@/lib/db/open";

export type Behaviour = "succeed" | "fail" | "hang" | "throw";

export type FakeAttempt = {
  behaviour: Behaviour;
  signal: AbortSignal | undefined;
  handle: ListenHandle & { close: ReturnType<typeof vi.fn> };
  closed: boolean;
  /** A notification on this connection. */
  deliver(payload: string): void;
  /** The connection breaks, reported twice as pg does ('error', then 'end'). */
  lose(): void;
  /** For "hang": the attempt succeeds now, however late. */
  succeedLate(): void;
};

export function fakeDatabase(options: { behaviours?: Behaviour[]; echoes?: boolean } = {}) {
  const attempts: FakeAttempt[] = [];
  const next = (): Behaviour =>
    options.behaviours?.[attempts.length] ?? options.behaviours?.at(-1) ?? "succeed";
  const db = {
    sql: {
      query: vi.fn(async (_text: string, params?: unknown[]) => {
        const open = attempts.filter((a) => a.behaviour === "succeed" && !a.closed).at(-1);
        if (options.echoes) queueMicrotask(() => open?.deliver(String(params?.[1] ?? "")));
        return [];
      }),
      exec: vi.fn(),
    },
    listen(
      _channel: string,
      onPayload: (payload: string) => void,
      onLost: (error: Error) => void,
      listenOptions?: { signal?: AbortSignal },
    ): Promise<ListenHandle> {
      const behaviour = next();
      const attempt: FakeAttempt = {
        behaviour,
        signal: listenOptions?.signal,
        closed: false,
        handle: { close: vi.fn(async () => void (attempt.closed = true)) },
        deliver: onPayload,
        lose: () => {
          onLost(new Error("connection reset"));
          onLost(new Error("listening connection ended"));
        },
        succeedLate: () => {},
      };
      attempts.push(attempt);
      if (behaviour === "throw") throw new Error("not even a promise");
      if (behaviour === "fail") {
        // pg reports a refused connect both ways, in either order.
        onLost(new Error("listening connection ended"));
        queueMicrotask(() => onLost(new Error("listening connection ended")));
        return Promise.reject(new Error("connect ECONNREFUSED 127.0.0.1:5432"));
      }
      if (behaviour === "hang")
        return new Promise((resolve) => (attempt.succeedLate = () => resolve(attempt.handle)));
      return Promise.resolve(attempt.handle);
    },
  } as unknown as Database;
  return { db, attempts };
}
