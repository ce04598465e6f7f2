import { afterEach, describe, expect, it, vi } from "vitest";
import { type ClientClaims, fetchClaims, isNewer } from "@/lib/client/claims";
import type { Permission } from "@/lib/permissions/catalogue";

const acme = { id: "o1", slug: "acme", name: "Acme" };
const globex = { id: "o2", slug: "globex", name: "Globex" };

const claims = (
  permissionsUpdatedAt: number,
  permissions: Permission[],
  roles = ["Editor"],
  organizationChosenAt = 1,
  organization: ClientClaims["organization"] = null,
): ClientClaims => ({
  permissionsUpdatedAt,
  permissions,
  globalPermissions: permissions,
  roles,
  organization,
  organizationChosenAt,
});

describe("isNewer", () => {
  it("moves forward with the stamp, never back", () => {
    expect(isNewer(claims(2, []), claims(1, ["reports.read"]))).toBe(true);
    expect(isNewer(claims(1, ["reports.read"]), claims(2, []))).toBe(false);
  });

  it("takes the same stamp with other permissions or roles (a grant ended), but not the same claims again", () => {
    expect(isNewer(claims(1, []), claims(1, ["reports.read"]))).toBe(true);
    expect(isNewer(claims(1, ["reports.read"], ["Viewer"]), claims(1, ["reports.read"]))).toBe(true);
    expect(isNewer(claims(1, ["reports.read"]), claims(1, ["reports.read"]))).toBe(false);
  });

  it("orders a switch by when the organization was chosen: the old organization's answer, arriving late, is older", () => {
    const inAcme = claims(1, ["reports.read"], ["Editor"], 10, acme);
    const inGlobex = claims(1, [], ["Viewer"], 20, globex);
    expect(isNewer(inGlobex, inAcme)).toBe(true);
    expect(isNewer(inAcme, inGlobex)).toBe(false);
  });

  it("refuses an answer behind on either stamp, even one ahead on the other", () => {
    const held = claims(5, [], ["Viewer"], 20, globex);
    expect(isNewer(claims(6, ["reports.read"], ["Editor"], 10, acme), held)).toBe(false);
    expect(isNewer(claims(4, [], ["Viewer"], 30, acme), held)).toBe(false);
  });

  it("takes another organization at the same stamps: the membership ended and the server chose the next one", () => {
    expect(isNewer(claims(1, [], ["Viewer"], 1, globex), claims(1, [], ["Viewer"], 1, acme))).toBe(true);
  });
});

describe("isNewer at the same stamps: any other list or organization is news", () => {
  const base = claims(5, ["reports.read"], ["Editor"], 2, acme);

  it("the same claims again are not news; a later stamp is, with nothing else changed", () => {
    expect(isNewer(claims(5, ["reports.read"], ["Editor"], 2, acme), base)).toBe(false);
    const many = {
      ...base,
      roles: ["Editor", "Viewer"],
      permissions: ["reports.read", "reports.export"] as Permission[],
    };
    expect(
      isNewer(
        { ...many, globalPermissions: many.permissions },
        { ...many, globalPermissions: many.permissions },
      ),
    ).toBe(false);
    expect(isNewer(claims(6, ["reports.read"], ["Editor"], 2, acme), base)).toBe(true);
    expect(isNewer(claims(5, ["reports.read"], ["Editor"], 3, acme), base)).toBe(true);
  });

  it("each list counts on its own, and lists differ by their names, not by their letters run together", () => {
    expect(isNewer({ ...base, globalPermissions: [] }, base)).toBe(true);
    expect(isNewer({ ...base, roles: ["Viewer"] }, base)).toBe(true);
    expect(isNewer({ ...base, roles: ["Edit", "or"] }, { ...base, roles: ["Ed", "itor"] })).toBe(true);
    const split = (names: string[]) => names as Permission[];
    expect(
      isNewer({ ...base, permissions: split(["ab", "c"]) }, { ...base, permissions: split(["a", "bc"]) }),
    ).toBe(true);
    expect(
      isNewer(
        { ...base, globalPermissions: split(["ab", "c"]) },
        { ...base, globalPermissions: split(["a", "bc"]) },
      ),
    ).toBe(true);
  });

  it("another organization is news by its id, its slug or its name", () => {
    expect(isNewer({ ...base, organization: { ...acme, id: "o9" } }, base)).toBe(true);
    expect(isNewer({ ...base, organization: { ...acme, slug: "acme-2" } }, base)).toBe(true);
    expect(isNewer({ ...base, organization: { ...acme, name: "Acme Ltd" } }, base)).toBe(true);
    expect(isNewer({ ...base, organization: null }, base)).toBe(true);
    expect(isNewer({ ...base, organization: { ...acme } }, base)).toBe(false);
  });
});

describe("fetchClaims: what the browser believes of GET /api/me/permissions", () => {
  const answer = {
    roles: ["Editor"],
    permissions: ["reports.read", "reports.shred"],
    globalPermissions: ["users.read", "platform.own"],
    permissionsUpdatedAt: 7,
    organization: acme,
    organizationChosenAt: 3,
  };
  const serve = (response: Response | Error) => {
    const fetch = vi.fn<typeof globalThis.fetch>(() =>
      response instanceof Error ? Promise.reject(response) : Promise.resolve(response),
    );
    vi.stubGlobal("fetch", fetch);
    return fetch;
  };
  afterEach(() => vi.unstubAllGlobals());

  it("asks the server, never a cache, with the session's cookie", async () => {
    const fetch = serve(Response.json(answer));
    await fetchClaims();
    expect(fetch).toHaveBeenCalledWith("/api/me/permissions", {
      cache: "no-store",
      credentials: "same-origin",
    });
  });

  it("keeps only the permissions this build's catalogue knows: an unknown name grants nothing", async () => {
    serve(Response.json(answer));
    expect(await fetchClaims()).toEqual({
      kind: "claims",
      claims: { ...answer, permissions: ["reports.read"], globalPermissions: ["users.read"] },
    });
  });

  it("reads an older server's answer: no global list grants no platform permission, no organization is none", async () => {
    const older = { roles: answer.roles, permissions: answer.permissions, permissionsUpdatedAt: 7 };
    serve(Response.json({ ...older, organization: "acme" }));
    expect(await fetchClaims()).toEqual({
      kind: "claims",
      claims: {
        ...older,
        permissions: ["reports.read"],
        globalPermissions: [],
        organization: null,
        organizationChosenAt: 0,
      },
    });
  });

  it("401 is signed out; any other failure, a malformed answer or no network is an error, never claims", async () => {
    serve(new Response(null, { status: 401 }));
    expect(await fetchClaims()).toEqual({ kind: "signed-out" });
    for (const status of [403, 500, 503]) {
      serve(Response.json(answer, { status }));
      expect(await fetchClaims()).toEqual({ kind: "error" });
    }
    serve(Response.json({ ...answer, permissionsUpdatedAt: "7" }));
    expect(await fetchClaims()).toEqual({ kind: "error" });
    serve(Response.json({ ...answer, roles: undefined }));
    expect(await fetchClaims()).toEqual({ kind: "error" });
    serve(new Response("<html>", { status: 200 }));
    expect(await fetchClaims()).toEqual({ kind: "error" });
    serve(new TypeError("network down"));
    expect(await fetchClaims()).toEqual({ kind: "error" });
  });
});
