// lib/client/shared-permission-events.ts: one event stream per browser and
// user. Only the tab the leader election picks opens the stream; what it hears
// it handles itself and relays to the user's other tabs, which handle it as if
// they held the stream. A tab that opens asks, and only the stream's holder
// answers with the latest stamp it heard; a tab that lost the stream answers no
// more. Without BroadcastChannel each tab has its own stream.
// The election (lib/client/tab-leader.ts) and the stream
// (lib/client/permission-events.ts) are stubbed: the test says which tab leads
// and what its stream delivers.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { PermissionEventHandlers } from "@/lib/client/permission-events";
import { subscribeSharedPermissionEvents } from "@/lib/client/shared-permission-events";
import { FakeBroadcastChannel, settle } from "./browser-fakes";

type Stream = { handlers: PermissionEventHandlers; stop: ReturnType<typeof vi.fn> };
type Candidate = { name: string; job: () => () => void; stopJob: (() => void) | null; leave: () => void };

const fakes = vi.hoisted(() => ({ streams: [] as Stream[], candidates: [] as Candidate[] }));

vi.mock("@/lib/client/permission-events", () => ({
  subscribePermissionEvents: vi.fn((handlers: PermissionEventHandlers) => {
    const stream = { handlers, stop: vi.fn() };
    fakes.streams.push(stream);
    return stream.stop;
  }),
}));
vi.mock("@/lib/client/tab-leader", () => ({
  leadOneTab: vi.fn((name: string, job: () => () => void) => {
    const candidate: Candidate = { name, job, stopJob: null, leave: vi.fn(() => candidate.stopJob?.()) };
    fakes.candidates.push(candidate);
    return candidate.leave;
  }),
}));

const { subscribePermissionEvents } = await import("@/lib/client/permission-events");
const { leadOneTab } = await import("@/lib/client/tab-leader");

type Tab = {
  handlers: { onPermissions: ReturnType<typeof vi.fn>; onRevoked: ReturnType<typeof vi.fn> };
  candidate: Candidate;
  unsubscribe: () => void;
  /** The election picks this tab: its job (the stream) starts; returns that stream. */
  lead(): Stream;
  /** The election takes the stream away from this tab (it froze, say). */
  depose(): void;
};

function openTab(userId = "u1"): Tab {
  const handlers = { onPermissions: vi.fn(), onRevoked: vi.fn() };
  const unsubscribe = subscribeSharedPermissionEvents(userId, handlers);
  const candidate = fakes.candidates.at(-1)!;
  return {
    handlers,
    candidate,
    unsubscribe,
    lead() {
      candidate.stopJob = candidate.job();
      return fakes.streams.at(-1)!;
    },
    depose() {
      candidate.stopJob?.();
      candidate.stopJob = null;
    },
  };
}

beforeEach(() => vi.stubGlobal("BroadcastChannel", FakeBroadcastChannel));
afterEach(() => {
  vi.unstubAllGlobals();
  vi.clearAllMocks();
  FakeBroadcastChannel.reset();
  fakes.streams.length = 0;
  fakes.candidates.length = 0;
});

describe("with BroadcastChannel", () => {
  it("every tab stands in the user's election; none opens a stream until it is picked", async () => {
    const tabs = [openTab(), openTab()];
    await settle();
    expect(tabs.map((tab) => tab.candidate.name)).toEqual(["live-authz:events:u1", "live-authz:events:u1"]);
    expect(subscribePermissionEvents).not.toHaveBeenCalled();
    tabs[1]!.lead();
    expect(subscribePermissionEvents).toHaveBeenCalledTimes(1);
  });

  it("the holder handles its stream's events once and relays them; the other tabs handle them too", async () => {
    const [holder, other, third] = [openTab(), openTab(), openTab()];
    await settle();
    const stream = holder.lead();
    stream.handlers.onPermissions(5, false);
    stream.handlers.onPermissions(6, true);
    await settle();
    for (const tab of [holder, other, third])
      expect(tab.handlers.onPermissions.mock.calls).toEqual([
        [5, false],
        [6, true],
      ]);
  });

  it("a revocation reaches the holder and every other tab, once each", async () => {
    const [holder, other] = [openTab(), openTab()];
    await settle();
    holder.lead().handlers.onRevoked();
    await settle();
    expect(holder.handlers.onRevoked).toHaveBeenCalledTimes(1);
    expect(other.handlers.onRevoked).toHaveBeenCalledTimes(1);
    expect(other.handlers.onPermissions).not.toHaveBeenCalled();
  });

  it("another user's tabs hear nothing of this user's stream", async () => {
    const mine = openTab("u1");
    const theirs = openTab("u2");
    await settle();
    expect(theirs.candidate.name).toBe("live-authz:events:u2");
    const stream = mine.lead();
    stream.handlers.onPermissions(5, true);
    stream.handlers.onRevoked();
    await settle();
    expect(theirs.handlers.onPermissions).not.toHaveBeenCalled();
    expect(theirs.handlers.onRevoked).not.toHaveBeenCalled();
  });

  it("a tab that opens asks, and the holder answers with the latest stamp its stream delivered (as unchanged)", async () => {
    const [holder, follower] = [openTab(), openTab()];
    await settle();
    const stream = holder.lead();
    stream.handlers.onPermissions(5, true);
    stream.handlers.onPermissions(9, true);
    await settle();
    const late = openTab();
    await settle();
    // Only the holder answers: a follower that had heard the relay does not.
    expect(late.handlers.onPermissions.mock.calls).toEqual([[9, false]]);
    expect(follower.handlers.onPermissions.mock.calls.at(-1)).toEqual([9, false]);
  });

  it("nobody answers a new tab while the holder's stream has delivered nothing", async () => {
    const holder = openTab();
    await settle();
    holder.lead();
    const late = openTab();
    await settle();
    expect(late.handlers.onPermissions).not.toHaveBeenCalled();
    expect(FakeBroadcastChannel.posted.map(({ data }) => data)).toEqual([
      { type: "hello" },
      { type: "hello" },
    ]);
  });

  it("a tab that loses the stream stops it and answers new tabs no more; the new holder's stream does", async () => {
    const [first, second] = [openTab(), openTab()];
    await settle();
    const firstStream = first.lead();
    firstStream.handlers.onPermissions(5, false);
    await settle();
    first.depose();
    expect(firstStream.stop).toHaveBeenCalledTimes(1);
    const late = openTab();
    await settle();
    expect(late.handlers.onPermissions).not.toHaveBeenCalled();
    second.lead().handlers.onPermissions(8, false);
    await settle();
    const later = openTab();
    await settle();
    expect(later.handlers.onPermissions.mock.calls).toEqual([[8, false]]);
    expect(first.handlers.onPermissions.mock.calls).toEqual([
      [5, false],
      [8, false],
      [8, false],
    ]);
  });

  it("unsubscribing leaves the election (stopping a held stream) and hears nothing more", async () => {
    const [leaving, staying] = [openTab(), openTab()];
    await settle();
    const stream = leaving.lead();
    leaving.unsubscribe();
    expect(leaving.candidate.leave).toHaveBeenCalledTimes(1);
    expect(stream.stop).toHaveBeenCalledTimes(1);
    staying.lead().handlers.onPermissions(3, true);
    await settle();
    expect(leaving.handlers.onPermissions).not.toHaveBeenCalled();
    expect(FakeBroadcastChannel.open.size).toBe(1);
  });
});

describe("without BroadcastChannel", () => {
  it("each tab holds its own stream with the caller's handlers, and unsubscribing stops it", () => {
    vi.stubGlobal("BroadcastChannel", undefined);
    const handlers = { onPermissions: vi.fn(), onRevoked: vi.fn() };
    const unsubscribe = subscribeSharedPermissionEvents("u1", handlers);
    expect(leadOneTab).not.toHaveBeenCalled();
    expect(subscribePermissionEvents).toHaveBeenCalledWith(handlers);
    unsubscribe();
    expect(fakes.streams[0]!.stop).toHaveBeenCalledTimes(1);
  });
});
