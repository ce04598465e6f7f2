// lib/client/app-fetch.ts: the app's own fetches send the session cookie and
// report the X-Permissions-Updated stamp of every answer to whoever listens
// (the permissions provider, which rereads its claims when the stamp moved).
// Only a positive, finite stamp is reported; a listener that left hears
// nothing more; the caller gets the response itself.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { appFetch, onPermissionsUpdatedAt, reportPermissionsUpdatedAt } from "@/lib/client/app-fetch";
import { PERMISSIONS_HEADER } from "@/lib/auth/protocol";

const answer = (stamp?: string, status = 200) =>
  new Response(null, { status, headers: stamp === undefined ? {} : { [PERMISSIONS_HEADER]: stamp } });

let fetchMock: ReturnType<typeof vi.fn<typeof fetch>>;
const unsubscribes: (() => void)[] = [];
/** Listens for the test's duration only: the listeners live in the module. */
const listen = (listener: (stamp: number) => void) => unsubscribes.push(onPermissionsUpdatedAt(listener));

beforeEach(() => {
  fetchMock = vi.fn<typeof fetch>();
  vi.stubGlobal("fetch", fetchMock);
});
afterEach(() => {
  for (const unsubscribe of unsubscribes.splice(0)) unsubscribe();
  vi.unstubAllGlobals();
});

describe("appFetch", () => {
  it("sends the cookie (same-origin credentials) and keeps the caller's own options", async () => {
    fetchMock.mockResolvedValue(answer());
    await appFetch("/api/me/sessions/s1", { method: "DELETE" });
    await appFetch("/api/reports/export");
    expect(fetchMock.mock.calls).toEqual([
      ["/api/me/sessions/s1", { credentials: "same-origin", method: "DELETE" }],
      ["/api/reports/export", { credentials: "same-origin" }],
    ]);
  });

  it("resolves to the response itself, whatever its status", async () => {
    const forbidden = answer("1700000000000", 403);
    fetchMock.mockResolvedValue(forbidden);
    await expect(appFetch("/api/reports/export")).resolves.toBe(forbidden);
  });

  it("reports the answer's stamp, as a number, to every listener (a 403 included)", async () => {
    const first = vi.fn();
    const second = vi.fn();
    listen(first);
    listen(second);
    fetchMock.mockResolvedValue(answer("1700000000123", 403));
    await appFetch("/api/reports/export");
    expect(first.mock.calls).toEqual([[1_700_000_000_123]]);
    expect(second.mock.calls).toEqual([[1_700_000_000_123]]);
  });

  it("reports before the caller sees the response", async () => {
    const order: string[] = [];
    listen(() => order.push("reported"));
    fetchMock.mockResolvedValue(answer("5"));
    await appFetch("/x").then(() => order.push("caller"));
    expect(order).toEqual(["reported", "caller"]);
  });

  it("reports nothing when the fetch fails, and passes the failure on", async () => {
    const listener = vi.fn();
    listen(listener);
    fetchMock.mockRejectedValue(new TypeError("Failed to fetch"));
    await expect(appFetch("/x")).rejects.toThrow("Failed to fetch");
    expect(listener).not.toHaveBeenCalled();
  });
});

describe("which stamps are reported", () => {
  it.each([
    ["absent (a signed-out answer)", undefined],
    ["zero", "0"],
    ["negative", "-5"],
    ["not a number", "soon"],
    ["infinite", "Infinity"],
    ["empty", ""],
  ])("none when the header is %s", (_, stamp) => {
    const listener = vi.fn();
    listen(listener);
    reportPermissionsUpdatedAt(answer(stamp));
    expect(listener).not.toHaveBeenCalled();
  });

  it("the smallest positive stamp is reported", () => {
    const listener = vi.fn();
    listen(listener);
    reportPermissionsUpdatedAt(answer("1"));
    expect(listener.mock.calls).toEqual([[1]]);
  });
});

describe("onPermissionsUpdatedAt", () => {
  it("returns how to stop listening: that listener hears nothing more, the others still do", () => {
    const leaving = vi.fn();
    const staying = vi.fn();
    const stop = onPermissionsUpdatedAt(leaving);
    listen(staying);
    reportPermissionsUpdatedAt(answer("7"));
    stop();
    reportPermissionsUpdatedAt(answer("8"));
    expect(leaving.mock.calls).toEqual([[7]]);
    expect(staying.mock.calls).toEqual([[7], [8]]);
  });
});
