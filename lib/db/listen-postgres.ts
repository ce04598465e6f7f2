// The PostgreSQL side of Database.listen: one dedicated connection that
// LISTENs on a channel. pg reports a failed connection several ways at once
// (connect() rejects, and the client emits 'end', sometimes 'error' too); here
// a failure before LISTEN succeeded is reported by the rejection alone, and a
// loss after that by one call to onLost. Every client that is given up is
// ended, so no socket outlives its attempt.
import pg from "pg";
import type { ListenHandle } from "./listen-source";

type ListenCallbacks = {
  onPayload: (payload: string) => void;
  onLost: (error: Error) => void;
  signal?: AbortSignal;
};

export async function listenPostgres(
  url: string,
  timeoutMs: number,
  channel: string,
  { onPayload, onLost, signal }: ListenCallbacks,
): Promise<ListenHandle> {
  // Both timeouts bound an attempt: a server that accepts and then says nothing
  // (a partition) fails the attempt instead of holding it forever.
  const client = new pg.Client({
    connectionString: url,
    keepAlive: true,
    connectionTimeoutMillis: timeoutMs,
    query_timeout: timeoutMs,
  });
  let state: "subscribing" | "open" | "closed" = "subscribing";
  const end = () => endWithin(client, timeoutMs);
  const lose = (error: Error) => {
    if (state !== "open") return; // while subscribing, the rejection reports it
    state = "closed";
    void end();
    onLost(error);
  };
  client.on("error", lose);
  client.on("end", () => lose(new Error("listening connection ended")));
  client.on("notification", (n) => {
    if (state !== "closed" && n.channel === channel) onPayload(n.payload ?? "");
  });
  // pg never settles connect() for a client ended while connecting, so an
  // abort rejects on its own, and ends the client.
  let abort = () => {};
  const aborted = new Promise<never>((_, reject) => {
    abort = () => {
      reject(new Error("attempt abandoned"));
      void end();
    };
  });
  signal?.addEventListener("abort", abort, { once: true });
  try {
    signal?.throwIfAborted();
    const subscribe = async () => {
      await client.connect();
      await client.query(`LISTEN "${channel}"`);
    };
    await Promise.race([subscribe(), aborted]);
  } catch (error) {
    state = "closed";
    void end(); // a failed client still holds its socket until it is ended
    throw error;
  } finally {
    signal?.removeEventListener("abort", abort);
  }
  state = "open";
  return {
    async close() {
      if (state === "closed") return; // lost, and ended then
      state = "closed"; // a deliberate close is not a loss
      await end();
    },
  };
}

/** client.end() waits for the server's goodbye, which a partitioned server never sends. */
async function endWithin(client: pg.Client, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    client.end().catch(() => {}),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
      timer.unref?.();
    }),
  ]);
  clearTimeout(timer);
}
