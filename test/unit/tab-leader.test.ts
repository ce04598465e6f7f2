// lib/client/tab-leader.ts: a job (holding the event stream) runs in exactly
// one tab of the browser at a time. With Web Locks the tabs queue for one
// lock; the holder runs the job until it leaves (closed, frozen, hidden in the
// back/forward cache) and the next tab in line takes over; a tab that comes
// back queues again. A tab that leaves before its turn never runs the job.
// Without Web Locks the tabs elect over BroadcastChannel, and with neither the
// one tab runs the job itself. Each "tab" here has its own window and
// document; navigator.locks and BroadcastChannel are fakes (./browser-fakes.ts).
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { leadOneTab } from "@/lib/client/tab-leader";
import { FIRST_ANSWER_MS } from "@/lib/client/tab-leader-fallback";
import { FakeBroadcastChannel, FakeLockManager, type JobTab, openJobTab, settle } from "./browser-fakes";

const NAME = "live-authz:events:u1";

const openTab = (name = NAME): JobTab => openJobTab(leadOneTab, name);

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
  FakeBroadcastChannel.reset();
});

describe("with Web Locks", () => {
  let locks: FakeLockManager;
  beforeEach(() => {
    locks = new FakeLockManager();
    vi.stubGlobal("navigator", { locks });
    vi.stubGlobal("BroadcastChannel", FakeBroadcastChannel);
  });

  it("the first tab runs the job; a second tab queues for the lock and does not", async () => {
    const first = openTab();
    const second = openTab();
    await settle();
    expect([first.starts, second.starts]).toEqual([1, 0]);
    expect(locks.requested).toEqual([NAME, NAME]);
    expect(locks.waiting(NAME)).toBe(1);
  });

  it("tabs of another name (another user) do not wait for this one", async () => {
    const mine = openTab(NAME);
    const theirs = openTab("live-authz:events:u2");
    await settle();
    expect([mine.running, theirs.running]).toEqual([true, true]);
  });

  it("when the holder closes, its job stops and the next tab in line takes over", async () => {
    const first = openTab();
    const second = openTab();
    await settle();
    first.close();
    expect(first.stops).toBe(1);
    await settle();
    expect([first.running, second.running]).toEqual([false, true]);
  });

  it.each([
    ["frozen (Page Lifecycle)", "document", "freeze", "resume"],
    ["hidden in the back/forward cache", "window", "pagehide", "pageshow"],
  ] as const)(
    "a holder %s hands the lock over at once, and queues again when it comes back",
    async (_, target, away, back) => {
      const first = openTab();
      const second = openTab();
      await settle();
      first[target].fire(away);
      expect(first.running).toBe(false);
      await settle();
      expect(second.running).toBe(true);
      first[target].fire(back);
      expect(locks.waiting(NAME)).toBe(1);
      second.close();
      await settle();
      expect(first.running).toBe(true);
      expect(first.starts).toBe(2);
    },
  );

  it("a lone holder frozen and then resumed gets the lock back and runs the job again", async () => {
    const tab = openTab();
    await settle();
    tab.document.fire("freeze");
    await settle();
    expect(locks.isHeld(NAME)).toBe(false);
    tab.document.fire("resume");
    await settle();
    expect([tab.starts, tab.stops]).toEqual([2, 1]);
  });

  it("a tab frozen while it waits leaves the queue: the lock is not handed to it until it resumes", async () => {
    const first = openTab();
    const second = openTab();
    await settle();
    second.document.fire("freeze");
    expect(locks.waiting(NAME)).toBe(0);
    first.close();
    await settle();
    expect(second.starts).toBe(0);
    expect(locks.isHeld(NAME)).toBe(false);
    second.document.fire("resume");
    await settle();
    expect(second.running).toBe(true);
  });

  it("coming back while already holding or queued asks for the lock no second time", async () => {
    const first = openTab();
    const second = openTab();
    await settle();
    first.window.fire("pageshow");
    first.document.fire("resume");
    second.window.fire("pageshow");
    second.document.fire("resume");
    await settle();
    expect(locks.requested).toHaveLength(2);
    expect(locks.waiting(NAME)).toBe(1);
  });

  it("the job is stopped once however many ways the tab leaves", async () => {
    const tab = openTab();
    await settle();
    tab.document.fire("freeze");
    tab.window.fire("pagehide");
    tab.close();
    expect(tab.stops).toBe(1);
  });

  it("a closed tab removes its listeners and never asks for the lock again", async () => {
    const tab = openTab();
    await settle();
    expect(tab.window.listeners + tab.document.listeners).toBe(4);
    tab.close();
    expect(tab.window.listeners + tab.document.listeners).toBe(0);
    tab.window.fire("pageshow");
    tab.document.fire("resume");
    await settle();
    expect(locks.requested).toHaveLength(1);
    expect(tab.starts).toBe(1);
  });

  it("a tab closed before its lock arrives never starts the job, and the lock passes on", async () => {
    const gone = openTab();
    gone.close(); // the lock is granted, but its callback has not run yet
    await settle();
    expect(gone.starts).toBe(0);
    expect(locks.isHeld(NAME)).toBe(false);
    const next = openTab();
    await settle();
    expect(next.running).toBe(true);
  });

  it("a queued tab closed before its turn never runs the job", async () => {
    const first = openTab();
    const queued = openTab();
    await settle();
    queued.close();
    first.close();
    await settle();
    expect(queued.starts).toBe(0);
    expect(locks.isHeld(NAME)).toBe(false);
  });

  it("when the browser refuses the lock request, the tab asks again when it comes back", async () => {
    locks.refuseWith = new DOMException("denied", "SecurityError");
    const tab = openTab();
    await settle();
    expect(tab.starts).toBe(0);
    locks.refuseWith = null;
    tab.window.fire("pageshow");
    await settle();
    expect(tab.running).toBe(true);
    expect(locks.requested).toHaveLength(2);
  });

  it("the late rejection of an abandoned request does not forget the request made after it", async () => {
    const first = openTab();
    const second = openTab();
    await settle();
    second.document.fire("freeze"); // aborts its queued request; the rejection arrives later
    second.document.fire("resume"); // queues again before it does
    await settle();
    second.window.fire("pageshow"); // already queued: no third request
    expect(locks.requested).toHaveLength(3);
    expect(locks.waiting(NAME)).toBe(1);
    first.close();
    await settle();
    expect([second.starts, second.running]).toEqual([1, true]);
  });
});

describe("without Web Locks", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.stubGlobal("BroadcastChannel", FakeBroadcastChannel);
  });

  it.each([
    ["navigator without locks (plain http to another host)", {}],
    ["no navigator at all", undefined],
  ])(
    "with %s, the tabs elect over BroadcastChannel: a lone tab claims after asking",
    async (_, navigator) => {
      vi.stubGlobal("navigator", navigator);
      const tab = openTab();
      expect(tab.starts).toBe(0); // it asks whether a leader is there first
      await vi.advanceTimersByTimeAsync(FIRST_ANSWER_MS - 1);
      expect(tab.starts).toBe(0);
      await vi.advanceTimersByTimeAsync(1);
      expect(tab.running).toBe(true);
      expect(FakeBroadcastChannel.posted[0]).toMatchObject({ name: `${NAME}:leader`, data: { type: "who" } });
      tab.close();
      expect(tab.running).toBe(false);
    },
  );

  it("with no BroadcastChannel either, the one tab runs the job at once, and closing stops it", () => {
    vi.stubGlobal("navigator", undefined);
    vi.stubGlobal("BroadcastChannel", undefined);
    const tab = openTab();
    expect(tab.running).toBe(true);
    tab.close();
    expect([tab.starts, tab.stops]).toEqual([1, 1]);
  });
});
