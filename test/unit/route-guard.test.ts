// lib/auth/route-guard.ts withUser on its own: the session read is stubbed, so the
// ladder (503, 401, 403, handler) and the stamp header can only come from it.
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/auth/session";
import type { Permission } from "@/lib/permissions/catalogue";

const stubs = vi.hoisted(() => ({
  getCurrentUser: vi.fn<() => Promise<unknown>>(),
  logUnavailable: vi.fn<(where: string, error: unknown) => void>(),
}));
vi.mock("@/lib/auth/session", () => ({ getCurrentUser: stubs.getCurrentUser }));
vi.mock("@/lib/auth/unavailable-log", () => ({ logUnavailable: stubs.logUnavailable }));

const { jsonError, withUser } = await import("@/lib/auth/route-guard");

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

  it("jsonError answers the status with the message as JSON", async () => {
    const response = jsonError(422, "bad");
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({ error: "bad" });
  });
});
