// The listener alone, with no consumer: it only reports. onLive once
// subscribed, onChange with what each notification names (or null), onDark
// once when the connection is lost and once more never, whatever reports the loss.
import { describe, expect, it, vi } from "vitest";
import { ChangeListener } from "@/lib/db/change-listener";
import { fakeDatabase } from "../support/fake-listen-database";

describe("ChangeListener events", () => {
  it("reports live, the changes it hears, then dark, in that order", async () => {
    const fake = fakeDatabase({ behaviours: ["succeed", "hang"] });
    const events: string[] = [];
    const listener = new ChangeListener(fake.db, {
      log: () => {},
      heartbeat: null,
      backoff: { baseMs: 60_000, capMs: 60_000 },
      onLive: () => events.push("live"),
      onDark: () => events.push("dark"),
      onChange: (userIds) => events.push(`change ${userIds?.join(",") ?? "*"}`),
    });
    await listener.started;
    expect(listener.isLive).toBe(true);
    fake.attempts[0]!.deliver("u:a,b");
    fake.attempts[0]!.deliver("*");
    fake.attempts[0]!.lose(); // reported twice by the fake, as pg does
    await vi.waitFor(() => expect(listener.isLive).toBe(false));
    await listener.stop();
    expect(events).toEqual(["live", "change a,b", "change *", "dark"]);
  });

  it("a notification still arriving once it has stopped is not reported", async () => {
    const fake = fakeDatabase({ behaviours: ["succeed"] });
    const heard: (string[] | null)[] = [];
    const listener = new ChangeListener(fake.db, {
      log: () => {},
      heartbeat: null,
      onChange: (userIds) => heard.push(userIds),
    });
    await listener.started;
    fake.attempts[0]!.deliver("u:a");
    await listener.stop();
    fake.attempts[0]!.deliver("u:b");
    expect(heard).toEqual([["a"]]);
  });

  it("a consumer that throws is logged and the listener goes on", async () => {
    const fake = fakeDatabase({ behaviours: ["succeed"] });
    const log = vi.fn();
    const heard: (string[] | null)[] = [];
    const listener = new ChangeListener(fake.db, {
      log,
      heartbeat: null,
      onLive: () => {
        throw new Error("boom");
      },
      onChange: (userIds) => heard.push(userIds),
    });
    await listener.started;
    fake.attempts[0]!.deliver("u:x");
    expect(heard).toEqual([["x"]]);
    expect(log).toHaveBeenCalledWith(expect.stringContaining("change subscriber failed (onLive): boom"));
    await listener.stop();
  });
});
