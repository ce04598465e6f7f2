// lib/auth/route-guard.ts on its own: the session read is stubbed, so the
// ladder (503, 401, 403, handler), the stamp header and what a token source
// plugs in can only come from it.
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/auth/session";
import type { Permission } from "@/lib/permissions/catalogue";

const stubs = vi.hoisted(() => ({
  getCurrentUser: vi.fn<() => Promise<unknown>>(),
  logUnavailable: vi.fn<(where: string, error: unknown) => void>(),
}));
vi.mock("@/lib/auth/session", () => ({ getCurrentUser: stubs.getCurrentUser }));
vi.mock("@/lib/auth/unavailable-log", () => ({ logUnavailable: stubs.logUnavailable }));

const { jsonError, routeGuard } = await import("@/lib/auth/route-guard");
const withUser = routeGuard();

const user = (permissions: Permission[]): CurrentUser => ({
  id: "u1",
  email: "u1@example.test",
  name: "U One",
  permissions,
  globalPermissions: permissions,
  permissionsUpdatedAt: 1234,
  grantExp: null,
  authAt: 1,
  organization: null,
  organizationChosenAt: 1,
});

const handler = vi.fn(async (_req: Request, who: CurrentUser, context: { id: string }) =>
  Response.json({ who: who.id, id: context.id }),
);
const call = (options?: Parameters<typeof withUser>[1]) =>
  withUser(handler, options)(new Request("http://localhost/api/x"), { id: "ctx" });

beforeEach(() => {
  vi.clearAllMocks();
  vi.spyOn(console, "error").mockImplementation(() => {});
});

describe("withUser", () => {
  it("503 when permissions cannot be checked: the handler never runs", async () => {
    stubs.getCurrentUser.mockRejectedValue(new Error("database down"));
    const response = await call({ permission: "reports.read" });
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ error: expect.stringMatching(/cannot be checked/) });
    expect(handler).not.toHaveBeenCalled();
    expect(response.headers.get("X-Permissions-Updated")).toBeNull();
    expect(stubs.logUnavailable).toHaveBeenCalledWith("api", new Error("database down"));
    stubs.getCurrentUser.mockRejectedValue("socket closed");
    expect((await call()).status).toBe(503);
    expect(stubs.logUnavailable).toHaveBeenCalledWith("api", "socket closed");
  });

  it("401 when signed out (or refused): no stamp header, the handler never runs", async () => {
    stubs.getCurrentUser.mockResolvedValue(null);
    const response = await call();
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: expect.stringMatching(/Sign in/) });
    expect(response.headers.get("X-Permissions-Updated")).toBeNull();
    expect(handler).not.toHaveBeenCalled();
  });

  it("403 without the permission, and the header tells the client its claims moved", async () => {
    stubs.getCurrentUser.mockResolvedValue(user(["reports.read"]));
    const response = await call({ permission: "reports.export" });
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ error: "Missing permission: reports.export" });
    expect(response.headers.get("X-Permissions-Updated")).toBe("1234");
    expect(handler).not.toHaveBeenCalled();
  });

  it("runs the handler with the request, the user and the route context; the header is set", async () => {
    stubs.getCurrentUser.mockResolvedValue(user(["reports.export"]));
    const response = await call({ permission: "reports.export" });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ who: "u1", id: "ctx" });
    expect(handler).toHaveBeenCalledWith(expect.any(Request), user(["reports.export"]), { id: "ctx" });
    expect(response.headers.get("X-Permissions-Updated")).toBe("1234");
  });

  it("with no permission named, any signed-in user reaches the handler", async () => {
    stubs.getCurrentUser.mockResolvedValue(user([]));
    expect((await call()).status).toBe(200);
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it("a token source judges the requests that carry its credential; the cookie is never read for them", async () => {
    stubs.getCurrentUser.mockResolvedValue(user(["reports.read", "reports.export"]));
    const refusal = jsonError(401, "invalid_token");
    const callerOf = vi.fn(async (credential: string) =>
      credential === "good" ? { user: user(["reports.read"]), headers: { "X-New": "n1" } } : refusal,
    );
    const guard = routeGuard({ credentialOf: (req) => req.headers.get("x-credential"), callerOf });
    const send = (credential: string | null, routeHandler = handler) =>
      guard(routeHandler, { permission: "reports.read" })(
        new Request("http://localhost/api/x", {
          headers: credential === null ? {} : { "x-credential": credential },
        }),
        { id: "ctx" },
      );

    const served = await send("good");
    expect(served.status).toBe(200);
    expect(handler).toHaveBeenLastCalledWith(expect.any(Request), user(["reports.read"]), { id: "ctx" });
    expect(served.headers.get("X-New")).toBe("n1");
    expect(served.headers.get("X-Permissions-Updated")).toBe("1234");
    expect(stubs.getCurrentUser).not.toHaveBeenCalled();

    // The source's refusal is the answer, even with a signed-in cookie beside it.
    expect(await send("bad")).toBe(refusal);
    expect(handler).toHaveBeenCalledTimes(1);

    // A header the handler set itself is kept.
    const ownHeader = vi.fn(async () => new Response("ok", { headers: { "X-New": "handler's" } }));
    expect((await send("good", ownHeader)).headers.get("X-New")).toBe("handler's");

    // Without its credential the request is the cookie's.
    expect((await send(null)).status).toBe(200);
    expect(stubs.getCurrentUser).toHaveBeenCalledTimes(1);

    // A source that cannot check answers 503, like the cookie.
    callerOf.mockRejectedValueOnce(new Error("keys unavailable"));
    expect((await send("good")).status).toBe(503);
  });

  it("jsonError answers the status with the message as JSON", async () => {
    const response = jsonError(422, "bad");
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({ error: "bad" });
  });
});
