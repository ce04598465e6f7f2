// lib/client/organizations.ts: the header's organization switcher
// (components/organization-switcher.tsx) reads the list from
// GET /api/me/permissions and switches with PUT /api/me/organization. It never
// throws: a list that cannot be had is null (the switcher says so), an empty
// one is [] ("You belong to none"); a switch is "switched", "not-found" (no
// longer a member) or "error" (try again).
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { fetchOrganizations, requestSwitch } from "@/lib/client/organizations";

const example = { id: "o1", slug: "example", name: "Example Co", roles: ["viewer"] };
const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });

let fetchMock: ReturnType<typeof vi.fn<typeof fetch>>;
beforeEach(() => {
  fetchMock = vi.fn<typeof fetch>();
  vi.stubGlobal("fetch", fetchMock);
});
afterEach(() => vi.unstubAllGlobals());

describe("fetchOrganizations", () => {
  it("asks GET /api/me/permissions uncached, with the cookie", async () => {
    fetchMock.mockResolvedValue(json({ organizations: [] }));
    await fetchOrganizations();
    expect(fetchMock).toHaveBeenCalledWith("/api/me/permissions", {
      cache: "no-store",
      credentials: "same-origin",
    });
  });

  it("returns the organizations, each as id, slug, name and roles (other fields of the answer left out)", async () => {
    const globex = { id: "o2", slug: "globex", name: "Globex", roles: [] };
    fetchMock.mockResolvedValue(
      json({ permissions: ["reports.read"], organizations: [{ ...example, extra: 1 }, globex] }),
    );
    await expect(fetchOrganizations()).resolves.toEqual([example, globex]);
  });

  it("an empty list is an empty list, not a failure", async () => {
    fetchMock.mockResolvedValue(json({ organizations: [] }));
    await expect(fetchOrganizations()).resolves.toEqual([]);
  });

  it.each([
    ["401 (signed out)", () => json({ organizations: [example] }, 401)],
    ["503 (permissions unavailable)", () => json({ error: "unavailable" }, 503)],
    ["no list in the answer", () => json({ permissions: [] })],
    ["an entry of the wrong shape", () => json({ organizations: [{ ...example, roles: "viewer" }] })],
    [
      "an entry missing its slug",
      () => json({ organizations: [{ id: "o1", name: "Example Co", roles: [] }] }),
    ],
    ["a body that is not JSON", () => new Response("<html>", { status: 200 })],
  ])("null when the answer is %s", async (_, answer) => {
    fetchMock.mockResolvedValue(answer());
    await expect(fetchOrganizations()).resolves.toBeNull();
  });

  it("null when the request itself fails (offline)", async () => {
    fetchMock.mockRejectedValue(new TypeError("Failed to fetch"));
    await expect(fetchOrganizations()).resolves.toBeNull();
  });
});

describe("requestSwitch", () => {
  it("sends PUT /api/me/organization with the slug as JSON, with the cookie", async () => {
    fetchMock.mockResolvedValue(new Response(null, { status: 204 }));
    await requestSwitch("globex");
    expect(fetchMock).toHaveBeenCalledWith("/api/me/organization", {
      method: "PUT",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ slug: "globex" }),
      credentials: "same-origin",
    });
  });

  it.each([
    [200, "switched"],
    [204, "switched"],
    [404, "not-found"],
    [400, "error"],
    [401, "error"],
    [403, "error"],
    [503, "error"],
  ] as const)("answered %i: %s", async (status, result) => {
    fetchMock.mockResolvedValue(new Response(null, { status }));
    await expect(requestSwitch("globex")).resolves.toBe(result);
  });

  it("error when the request itself fails (offline)", async () => {
    fetchMock.mockRejectedValue(new TypeError("Failed to fetch"));
    await expect(requestSwitch("globex")).resolves.toBe("error");
  });
});
