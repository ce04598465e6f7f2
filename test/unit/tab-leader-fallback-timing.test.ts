// lib/client/tab-leader-fallback.ts, with time faked: the election over
// BroadcastChannel where Web Locks are missing. A new tab asks first and claims
// after FIRST_ANSWER_MS when nobody answers; the leader answers and says it is
// alive about every second, so the others never claim while it lives; after
// LEADER_SILENT_MS of silence (a crashed leader) one claims; a leader that
// leaves says so and the others claim within 2 × FIRST_ANSWER_MS; of two
// leaders the greater id steps down. (test/unit/tab-leader-fallback.test.ts
// runs three tabs on real channels and real time.) A "peer" here is a bare
// channel the test speaks for, as a tab running this code would.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  ALIVE_EVERY_MS,
  FIRST_ANSWER_MS,
  LEADER_SILENT_MS,
  leadByChannel,
} from "@/lib/client/tab-leader-fallback";
import { FakeBroadcastChannel, type JobTab, openJobTab, settle } from "./browser-fakes";

const NAME = "live-authz:events:u1";
const CHANNEL = `${NAME}:leader`;

type Message = { type: "alive" | "resign" | "who"; id: string };

type Tab = JobTab & {
  id: string;
  /** It asked who leads as it opened. */
  asked: boolean;
};

/** Opens a tab whose id ends with the digits of `random` (ids compare as strings). */
function openTab(random = 0.5): Tab {
  vi.spyOn(Math, "random").mockReturnValue(random);
  const tab = openJobTab(leadByChannel, NAME);
  const who = sent().find((m) => m.type === "who");
  FakeBroadcastChannel.posted.length = 0; // each test reads what was said after the tabs opened
  return Object.assign(tab, { id: who?.id ?? "", asked: who !== undefined });
}

/** The messages posted on the election's channel, oldest first, with their time. */
const sent = () =>
  FakeBroadcastChannel.posted
    .filter((p) => p.name === CHANNEL)
    .map((p) => ({ ...(p.data as Message), at: p.at }));

/** Another tab on the election's channel, whose messages the test writes itself. */
function peer(id: string) {
  const channel = new FakeBroadcastChannel(CHANNEL);
  return (type: Message["type"]) => channel.postMessage({ type, id } satisfies Message);
}

/** Moves the fake clock on, delivering messages as they are posted. */
const wait = (ms: number) => vi.advanceTimersByTimeAsync(ms);

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
  vi.stubGlobal("BroadcastChannel", FakeBroadcastChannel);
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  FakeBroadcastChannel.reset();
});

describe("claiming", () => {
  it("a lone tab asks who leads, and claims FIRST_ANSWER_MS later when nobody answers", async () => {
    const tab = openTab();
    expect(tab.asked).toBe(true);
    await wait(FIRST_ANSWER_MS - 1);
    expect(tab.starts).toBe(0);
    await wait(1);
    expect(tab.running).toBe(true);
    expect(sent().map((m) => [m.type, m.id])).toEqual([["alive", tab.id]]); // says so at once
  });

  it("a tab that hears a leader answer does not claim while the leader keeps saying it is alive", async () => {
    const leader = openTab(0.2);
    await wait(FIRST_ANSWER_MS);
    expect(leader.running).toBe(true);
    const later = openTab(0.7);
    await settle();
    expect(sent().map((m) => [m.type, m.id])).toEqual([["alive", leader.id]]); // the answer to "who"
    await wait(10 * LEADER_SILENT_MS);
    expect([leader.running, later.starts]).toEqual([true, 0]);
  });

  it("the leader says it is alive about every second, never much less often", async () => {
    openTab();
    await wait(FIRST_ANSWER_MS + 12_000);
    const times = sent()
      .filter((m) => m.type === "alive")
      .map((m) => m.at);
    expect(times.length).toBeGreaterThanOrEqual(10);
    for (const [i, at] of times.slice(1).entries()) {
      expect(at - times[i]!).toBeGreaterThanOrEqual(ALIVE_EVERY_MS);
      expect(at - times[i]!).toBeLessThanOrEqual(ALIVE_EVERY_MS + FIRST_ANSWER_MS);
    }
  });

  it("only the leader answers a tab that asks", async () => {
    const leader = openTab(0.2);
    await wait(FIRST_ANSWER_MS);
    const follower = openTab(0.7);
    await settle();
    FakeBroadcastChannel.posted.length = 0;
    peer("zz")("who");
    await settle();
    expect(
      sent()
        .filter((m) => m.type === "alive")
        .map((m) => m.id),
    ).toEqual([leader.id]);
    expect(follower.running).toBe(false);
  });
});

describe("a leader that goes away", () => {
  it("silent (crashed, no word): a follower claims after LEADER_SILENT_MS of silence, not before", async () => {
    const say = peer("0");
    const tab = openTab();
    await wait(100);
    say("alive"); // heard at 100, then never again
    await wait(LEADER_SILENT_MS - 1); // the tick at 3600 is the first a full silence after 100
    expect(tab.starts).toBe(0);
    await wait(1);
    expect(tab.running).toBe(true);
  });

  it("leaving with a word: a follower claims within 2 × FIRST_ANSWER_MS, not after the full silence", async () => {
    const say = peer("0");
    const tab = openTab();
    await wait(100);
    say("alive");
    await wait(900);
    vi.spyOn(Math, "random").mockReturnValue(0.5); // a spread of FIRST_ANSWER_MS: claims from 1300
    say("resign"); // at 1000
    await wait(499); // the tick at 1200 is too early
    expect(tab.starts).toBe(0);
    await wait(1); // the tick at 1500
    expect(tab.running).toBe(true);
  });

  it("the tab that left takes the job back only after a full silence, when nobody else did", async () => {
    const tab = openTab();
    await wait(1_000);
    expect(tab.running).toBe(true);
    tab.window.fire("pagehide"); // at 1000: into the back/forward cache
    expect(tab.stops).toBe(1);
    expect(sent().at(-1)).toMatchObject({ type: "resign", id: tab.id });
    await wait(LEADER_SILENT_MS - 1); // the tick at 4500 is the first a full silence later
    expect(tab.starts).toBe(1);
    await wait(1);
    expect(tab.starts).toBe(2);
  });

  it("a frozen leader resigns too", async () => {
    const tab = openTab();
    await wait(FIRST_ANSWER_MS);
    tab.document.fire("freeze");
    expect(tab.running).toBe(false);
    expect(sent().at(-1)).toMatchObject({ type: "resign", id: tab.id });
  });
});

describe("two leaders", () => {
  it.each([
    [0.2, 0.7],
    [0.7, 0.2],
  ])(
    "claiming at once (ids ending %f and %f), the greater id steps down and the other keeps the job",
    async (a, b) => {
      FakeBroadcastChannel.hold(); // each claims before it hears the other
      const first = openTab(a);
      const second = openTab(b);
      await wait(FIRST_ANSWER_MS);
      expect([first.running, second.running]).toEqual([true, true]);
      FakeBroadcastChannel.deliverHeld();
      const [keeps, stepsDown] = first.id < second.id ? [first, second] : [second, first];
      expect(keeps.running).toBe(true);
      expect([stepsDown.starts, stepsDown.running]).toEqual([1, false]);
      await wait(10 * LEADER_SILENT_MS);
      expect([keeps.starts, keeps.running, stepsDown.starts]).toEqual([1, true, 1]);
    },
  );
});

describe("closing", () => {
  it("a leader that closes stops its job once, says so, and leaves no timer, listener or channel", async () => {
    const tab = openTab();
    await wait(FIRST_ANSWER_MS);
    tab.close();
    expect([tab.starts, tab.stops]).toEqual([1, 1]);
    expect(sent().at(-1)).toMatchObject({ type: "resign", id: tab.id });
    expect(vi.getTimerCount()).toBe(0);
    expect(tab.window.listeners + tab.document.listeners).toBe(0);
    expect(FakeBroadcastChannel.open.size).toBe(0);
    tab.window.fire("pagehide");
    expect(tab.stops).toBe(1);
  });

  it("a follower that closes says nothing", async () => {
    openTab(0.2);
    await wait(FIRST_ANSWER_MS);
    const follower = openTab(0.7);
    await settle();
    FakeBroadcastChannel.posted.length = 0;
    follower.close();
    expect(sent()).toEqual([]);
    expect(follower.starts).toBe(0);
  });
});
