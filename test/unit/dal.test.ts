// lib/auth/dal.ts on its own: the fresh session read is stubbed, so what a
// page sees (user, redirect, allowed) can only come from the data layer.
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { AuthToken } from "@/lib/auth/token";
import { PERMISSIONS } from "@/lib/permissions/catalogue";
import { packPermissions } from "@/lib/permissions/pack";

const stubs = vi.hoisted(() => ({
  readFreshSession: vi.fn<() => Promise<unknown>>(),
  redirect: vi.fn((url: string) => {
    throw new Error(`redirect:${url}`);
  }),
}));
vi.mock("@/lib/auth/current-session", () => ({ readFreshSession: stubs.readFreshSession }));
vi.mock("next/navigation", () => ({ redirect: stubs.redirect }));

const { getCurrentUser, requirePermission, requireUser } = await import("@/lib/auth/dal");

const token: AuthToken = {
  sub: "u1",
  email: "u1@example.test",
  name: "U One",
  authAt: 42,
  perms: packPermissions(["reports.read", "reports.export"], PERMISSIONS),
  cat: "cat",
  permsAt: 1234,
  grantExp: null,
};

beforeEach(() => vi.clearAllMocks());

describe("data access layer", () => {
  it("getCurrentUser: the fresh claims as a user, permissions unpacked", async () => {
    stubs.readFreshSession.mockResolvedValue(token);
    expect(await getCurrentUser()).toEqual({
      id: "u1",
      email: "u1@example.test",
      name: "U One",
      permissions: ["reports.read", "reports.export"],
      permissionsUpdatedAt: 1234,
      grantExp: null,
      authAt: 42,
    });
  });

  it("getCurrentUser: a token without name or email gives empty strings; no session gives null", async () => {
    stubs.readFreshSession.mockResolvedValue({ ...token, name: undefined, email: undefined });
    expect(await getCurrentUser()).toMatchObject({ name: "", email: "" });
    stubs.readFreshSession.mockResolvedValue(null);
    expect(await getCurrentUser()).toBeNull();
  });

  it("requireUser: signed out (or refused) redirects to sign-in with the way back", async () => {
    stubs.readFreshSession.mockResolvedValue(null);
    await expect(requireUser("/reports?x=1")).rejects.toThrow(
      "redirect:/sign-in?callbackUrl=%2Freports%3Fx%3D1",
    );
    await expect(requireUser()).rejects.toThrow("redirect:/sign-in?callbackUrl=%2F");
  });

  it("requirePermission: allowed only with the permission in the fresh claims", async () => {
    stubs.readFreshSession.mockResolvedValue(token);
    expect(await requirePermission("reports.export")).toMatchObject({ allowed: true, user: { id: "u1" } });
    expect(await requirePermission("audit.read")).toMatchObject({ allowed: false });
    expect(stubs.redirect).not.toHaveBeenCalled();
  });

  it("requirePermission: signed out redirects before any check", async () => {
    stubs.readFreshSession.mockResolvedValue(null);
    await expect(requirePermission("reports.read", "/reports")).rejects.toThrow(
      "redirect:/sign-in?callbackUrl=%2Freports",
    );
    await expect(requirePermission("reports.read")).rejects.toThrow("redirect:/sign-in?callbackUrl=%2F");
  });
});
