// The BroadcastChannel election used where Web Locks are missing: Node has
// BroadcastChannel, and channels of one name reach each other in one process,
// as tabs of one browser do.
import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { leadByChannel } from "@/lib/client/tab-leader-fallback";

beforeEach(() => {
  vi.stubGlobal("window", new EventTarget());
  vi.stubGlobal("document", new EventTarget());
});
afterEach(() => vi.unstubAllGlobals());

it("one of three tabs runs the job; when it leaves, exactly one other takes over", async () => {
  const running = new Set<number>();
  const name = `test-${Math.random()}`;
  const tabs = [0, 1, 2].map((i) =>
    leadByChannel(name, () => {
      running.add(i);
      return () => running.delete(i);
    }),
  );
  await vi.waitFor(() => expect(running.size).toBe(1), { timeout: 5_000 });
  const [leader] = [...running];
  tabs[leader!]!();
  await vi.waitFor(
    () => {
      expect(running.size).toBe(1);
      expect(running.has(leader!)).toBe(false);
    },
    { timeout: 5_000 },
  );
  for (const [i, leave] of tabs.entries()) if (i !== leader) leave();
  expect(running.size).toBe(0);
});
