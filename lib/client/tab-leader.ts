// Runs a job (holding the event stream) in exactly one tab of this browser at
// a time. With the Web Locks API the tabs queue for one lock: the holder runs
// the job until it goes away, and the browser hands the lock to the next tab
// even when the holder crashes. A tab that the browser freezes (Page
// Lifecycle, back/forward cache) hands it over first, and queues again when
// it comes back. Without Web Locks (old browsers, pages served over plain
// http to another host), the tabs elect a leader over BroadcastChannel.
import { leadByChannel } from "./tab-leader-fallback";

/** Starts the job; returns how to stop it. */
export type Job = () => () => void;

export function leadOneTab(name: string, job: Job): () => void {
  const locks = typeof navigator === "undefined" ? undefined : navigator.locks;
  if (locks) return leadByLock(locks, name, job);
  if (typeof BroadcastChannel !== "undefined") return leadByChannel(name, job);
  return job(); // nobody to share with
}

function leadByLock(locks: LockManager, name: string, job: Job): () => void {
  let disposed = false;
  let waiting: AbortController | null = null;
  let release: (() => void) | null = null;

  const join = () => {
    if (disposed || waiting || release) return;
    const abort = new AbortController();
    waiting = abort;
    locks
      .request(name, { signal: abort.signal }, () => {
        waiting = null;
        if (disposed) return; // returning releases the lock at once
        const stop = job();
        return new Promise<void>((resolve) => {
          release = () => {
            release = null;
            stop();
            resolve();
          };
        });
      })
      .catch(() => {
        if (waiting === abort) waiting = null; // aborted while queued
      });
  };
  const leave = () => {
    waiting?.abort();
    waiting = null;
    release?.();
  };

  document.addEventListener("freeze", leave);
  document.addEventListener("resume", join);
  window.addEventListener("pagehide", leave);
  window.addEventListener("pageshow", join);
  join();
  return () => {
    disposed = true;
    leave();
    document.removeEventListener("freeze", leave);
    document.removeEventListener("resume", join);
    window.removeEventListener("pagehide", leave);
    window.removeEventListener("pageshow", join);
  };
}
