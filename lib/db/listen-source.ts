// What a change listener needs of a database, and nothing else: raw SQL for
// its echoes, and LISTEN on a connection of its own. lib/db/open.ts's Database
// is one; an app that copies the listener (docs/ADOPT.md) gives it these two
// over its own pg pool (sqlFromPg, listenPostgres) without this app's opener.
import type { SqlClient } from "./sql";

export type ListenHandle = { close(): Promise<void> };

/** signal: the caller gave up on this attempt; whatever it opened is to be ended. */
export type ListenOptions = { signal?: AbortSignal };

export type ListenSource = {
  /** Pooled raw SQL for single statements. */
  sql: SqlClient;
  /**
   * LISTENs on `channel`. A failure to subscribe rejects (and leaves nothing
   * open); `onLost` is called once if the listening connection breaks after
   * that. The caller decides how to re-subscribe.
   */
  listen(
    channel: string,
    onPayload: (payload: string) => void,
    onLost: (error: Error) => void,
    options?: ListenOptions,
  ): Promise<ListenHandle>;
};
