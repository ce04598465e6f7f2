// The guards (lib/auth/guards.ts, and lib/page-guard.ts on them) on their own: the fresh session read is
// stubbed (freshSessionOf), so what a page gets (the user, a redirect to sign
// in, or forbidden()) can only come from the data access layer.
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { AuthToken } from "@/lib/auth/token";
import { PERMISSIONS } from "@/lib/permissions/catalogue";
import { packPermissions } from "@/lib/permissions/pack";

const stubs = vi.hoisted(() => ({
  freshSessionOf: vi.fn<(raw: string | undefined) => Promise<unknown>>(),
  path: null as string | null,
  redirect: vi.fn((url: string) => {
    throw new Error(`redirect:${url}`);
  }),
  forbidden: vi.fn(() => {
    throw new Error("forbidden");
  }),
}));
vi.mock("@/lib/auth/fresh-session", () => ({ freshSessionOf: stubs.freshSessionOf }));
vi.mock("next/headers", () => ({
  cookies: async () => ({ get: () => ({ value: "cookie" }) }),
  headers: async () => new Headers(stubs.path === null ? {} : { "x-live-authz-path": stubs.path }),
}));
vi.mock("next/navigation", () => ({ redirect: stubs.redirect, forbidden: stubs.forbidden }));

const { getCurrentUser } = await import("@/lib/auth/session");
const { checkPermission, requirePermission, requireUser } = await import("@/lib/auth/guards");
const { requirePage } = await import("@/lib/page-guard");

const token: AuthToken = {
  sub: "u1",
  email: "u1@example.test",
  name: "U One",
  authAt: 42,
  perms: packPermissions(["reports.read", "reports.export"], PERMISSIONS),
  gperms: packPermissions(["reports.read"], PERMISSIONS),
  cat: "cat",
  permsAt: 1234,
  grantExp: null,
};

beforeEach(() => {
  vi.clearAllMocks();
  stubs.path = null;
});

describe("data access layer", () => {
  it("getCurrentUser: the fresh claims as a user, permissions unpacked", async () => {
    stubs.freshSessionOf.mockResolvedValue(token);
    expect(await getCurrentUser()).toEqual({
      id: "u1",
      email: "u1@example.test",
      name: "U One",
      permissions: ["reports.read", "reports.export"],
      globalPermissions: ["reports.read"],
      permissionsUpdatedAt: 1234,
      grantExp: null,
      authAt: 42,
      organization: null,
      organizationChosenAt: 42,
      sessionId: null,
    });
    expect(stubs.freshSessionOf).toHaveBeenCalledWith("cookie");
  });

  it("a platform permission in the organization's list alone opens no platform page", async () => {
    const member: AuthToken = {
      ...token,
      perms: packPermissions(["users.manage", "audit.read"], PERMISSIONS),
    };
    stubs.freshSessionOf.mockResolvedValue(member);
    await expect(requirePermission("users.manage")).rejects.toThrow("forbidden");
    await expect(requirePermission(["audit.read", "users.manage"])).rejects.toThrow("forbidden");
    stubs.freshSessionOf.mockResolvedValue({ ...member, gperms: member.perms });
    await expect(requirePermission("users.manage")).resolves.toMatchObject({ id: "u1" });
  });

  it("getCurrentUser: a token without name or email gives empty strings; no session gives null", async () => {
    stubs.freshSessionOf.mockResolvedValue({ ...token, name: undefined, email: undefined });
    expect(await getCurrentUser()).toMatchObject({ name: "", email: "" });
    stubs.freshSessionOf.mockResolvedValue(null);
    expect(await getCurrentUser()).toBeNull();
  });

  it("requireUser: signed out (or refused) redirects to sign-in and back to the path the proxy saw", async () => {
    stubs.freshSessionOf.mockResolvedValue(null);
    stubs.path = "/reports?x=1";
    await expect(requireUser()).rejects.toThrow("redirect:/sign-in?callbackUrl=%2Freports%3Fx%3D1");
    stubs.path = null;
    await expect(requireUser()).rejects.toThrow("redirect:/sign-in?callbackUrl=%2F");
  });

  it("requirePermission: the user when the fresh claims hold it (or one of a list), else forbidden()", async () => {
    stubs.freshSessionOf.mockResolvedValue(token);
    expect(await requirePermission("reports.export")).toMatchObject({ id: "u1" });
    expect(await requirePermission(["audit.read", "reports.read"])).toMatchObject({ id: "u1" });
    await expect(requirePermission("audit.read")).rejects.toThrow("forbidden");
    await expect(requirePermission(["audit.read", "users.read"])).rejects.toThrow("forbidden");
    expect(stubs.redirect).not.toHaveBeenCalled();
  });

  it("requirePermission: signed out redirects before any check", async () => {
    stubs.freshSessionOf.mockResolvedValue(null);
    stubs.path = "/reports";
    await expect(requirePermission("reports.read")).rejects.toThrow(
      "redirect:/sign-in?callbackUrl=%2Freports",
    );
    expect(stubs.forbidden).not.toHaveBeenCalled();
  });

  it("requirePage: the page table's permission; a page for every signed-in user needs none", async () => {
    stubs.freshSessionOf.mockResolvedValue(token);
    expect(await requirePage("/")).toMatchObject({ id: "u1" });
    expect(await requirePage("/reports")).toMatchObject({ id: "u1" });
    await expect(requirePage("/admin")).rejects.toThrow("forbidden");
    await expect(requirePage("/admin/users/[id]")).rejects.toThrow("forbidden");
  });

  it("checkPermission only answers", async () => {
    stubs.freshSessionOf.mockResolvedValue(token);
    const user = (await getCurrentUser())!;
    expect(checkPermission(user, "reports.read")).toBe(true);
    expect(checkPermission(user, "users.manage")).toBe(false);
    expect(stubs.forbidden).not.toHaveBeenCalled();
  });
});
