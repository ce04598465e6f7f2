// lib/client/tab-channel.ts: the open tabs of one user hear each other's
// newer claims and sign-out (components/claims-provider.tsx posts and
// listens); a tab never hears itself, another user's tabs hear nothing, a
// closed tab hears nothing more, and a browser without BroadcastChannel gets a
// channel that does nothing rather than an error.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ClientClaims } from "@/lib/client/claims";
import { openTabChannel, type TabMessage } from "@/lib/client/tab-channel";
import { FakeBroadcastChannel, settle } from "./browser-fakes";

const claims: ClientClaims = {
  roles: ["viewer"],
  permissions: ["reports.read"],
  globalPermissions: [],
  permissionsUpdatedAt: 1_700_000_000_000,
  organization: { id: "o1", slug: "example", name: "Example Co" },
  organizationChosenAt: 1_600_000_000_000,
};

afterEach(() => {
  vi.unstubAllGlobals();
  FakeBroadcastChannel.reset();
});

describe("with BroadcastChannel", () => {
  beforeEach(() => vi.stubGlobal("BroadcastChannel", FakeBroadcastChannel));

  it("a message one tab posts reaches every other tab of the same user, not the sender", async () => {
    const heard = [vi.fn(), vi.fn(), vi.fn()];
    const tabs = heard.map((onMessage) => openTabChannel("u1", onMessage));
    tabs[0]!.post({ type: "claims", claims });
    await settle();
    expect(heard[0]).not.toHaveBeenCalled();
    expect(heard[1]!.mock.calls).toEqual([[{ type: "claims", claims }]]);
    expect(heard[2]!.mock.calls).toEqual([[{ type: "claims", claims }]]);
  });

  it("a sign-out reaches the other tabs as such", async () => {
    const heard = vi.fn<(message: TabMessage) => void>();
    const sender = openTabChannel("u1", () => {});
    openTabChannel("u1", heard);
    sender.post({ type: "signed-out" });
    await settle();
    expect(heard.mock.calls).toEqual([[{ type: "signed-out" }]]);
  });

  it("another user's tabs hear nothing", async () => {
    const other = vi.fn();
    openTabChannel("u2", other);
    openTabChannel("u1", () => {}).post({ type: "signed-out" });
    await settle();
    expect(other).not.toHaveBeenCalled();
  });

  it("a closed tab hears nothing more and holds no channel", async () => {
    const heard = vi.fn();
    const closing = openTabChannel("u1", heard);
    const sender = openTabChannel("u1", () => {});
    closing.close();
    expect(FakeBroadcastChannel.open.size).toBe(1);
    sender.post({ type: "signed-out" });
    await settle();
    expect(heard).not.toHaveBeenCalled();
  });
});

describe("without BroadcastChannel (an old browser)", () => {
  it("gives a channel whose post and close do nothing, and never calls back", () => {
    vi.stubGlobal("BroadcastChannel", undefined);
    const heard = vi.fn();
    const tabs = openTabChannel("u1", heard);
    expect(() => tabs.post({ type: "signed-out" })).not.toThrow();
    expect(() => tabs.close()).not.toThrow();
    expect(heard).not.toHaveBeenCalled();
  });
});
