// One timer per notice on screen: started when the notice first shows, never
// restarted while it stays (a newer notice does not keep an old one up), and
// cleared when it leaves some other way. Outside React, so it is tested with
// fake timers instead of waiting.

/** How long an access notice stays before it leaves by itself. */
export const NOTICE_DISMISS_MS = 10_000;

type NoticeTimers = {
  /** Starts a timer for each new id in `ids`, and drops those of ids gone. */
  sync(ids: readonly number[]): void;
  stop(): void;
};

export function noticeTimers(durationMs: number, expire: (id: number) => void): NoticeTimers {
  const timers = new Map<number, ReturnType<typeof setTimeout>>();
  const drop = (id: number) => {
    clearTimeout(timers.get(id));
    timers.delete(id);
  };
  return {
    sync(ids) {
      for (const id of timers.keys()) if (!ids.includes(id)) drop(id);
      for (const id of ids)
        if (!timers.has(id))
          timers.set(
            id,
            setTimeout(() => {
              timers.delete(id);
              expire(id);
            }, durationMs),
          );
    },
    stop() {
      for (const id of [...timers.keys()]) drop(id);
    },
  };
}
