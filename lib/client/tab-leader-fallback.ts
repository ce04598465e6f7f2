// Leader election over BroadcastChannel, for browsers without Web Locks. The
// leader says "alive" every second; a tab that has heard no leader for a few
// seconds claims the job. Two tabs that claim at once both hear each other,
// and the one with the greater id steps down. A leader that leaves says so,
// and the others claim at once instead of waiting out the silence.
import type { Job } from "./tab-leader";

export const ALIVE_EVERY_MS = 1_000;
/** Silence after which a tab claims; generous, since timers of hidden tabs are throttled. */
export const LEADER_SILENT_MS = 3_500;
/** A new tab asks first and waits this long for a leader to answer. */
export const FIRST_ANSWER_MS = 300;

type Message = { type: "alive" | "resign" | "who"; id: string };

export function leadByChannel(name: string, job: Job): () => void {
  const id = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  const channel = new BroadcastChannel(`${name}:leader`);
  let stop: (() => void) | null = null;
  let aliveAt = 0;
  // As if a leader had been heard just before: a lone tab claims after FIRST_ANSWER_MS.
  let heardAt = Date.now() - LEADER_SILENT_MS + FIRST_ANSWER_MS;

  const post = (type: Message["type"]) => channel.postMessage({ type, id } satisfies Message);
  const alive = () => {
    aliveAt = Date.now();
    post("alive");
  };
  const claim = () => {
    stop = job();
    alive();
  };
  const stepDown = () => {
    stop?.();
    stop = null;
  };
  /** Leaving (closed, navigated away, frozen): the others need not wait out the silence. */
  const resign = () => {
    if (!stop) return;
    stepDown();
    post("resign");
    heardAt = Date.now(); // a page restored from the back/forward cache asks again first
  };

  channel.onmessage = ({ data }: MessageEvent<Message>) => {
    if (data.type === "who") return void (stop && alive());
    if (data.type === "resign") {
      // Claim within a tick or two; spread, so that not every tab claims on the same tick.
      if (!stop) heardAt = Date.now() - LEADER_SILENT_MS + Math.random() * 2 * FIRST_ANSWER_MS;
      return;
    }
    if (stop && data.id > id) return; // the other one steps down when it hears us
    if (stop) stepDown();
    heardAt = Date.now();
  };

  const timer = setInterval(() => {
    if (stop) {
      if (Date.now() - aliveAt >= ALIVE_EVERY_MS) alive();
    } else if (Date.now() - heardAt >= LEADER_SILENT_MS) claim();
  }, FIRST_ANSWER_MS);
  window.addEventListener("pagehide", resign);
  document.addEventListener("freeze", resign);
  post("who");

  return () => {
    clearInterval(timer);
    window.removeEventListener("pagehide", resign);
    document.removeEventListener("freeze", resign);
    resign();
    channel.close();
  };
}
