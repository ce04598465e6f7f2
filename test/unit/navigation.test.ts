import { describe, expect, it } from "vitest";
import { ADMIN_NAV, canOpen, MAIN_NAV, visibleNav } from "@/lib/navigation";

const labels = (permissions: string[], items = MAIN_NAV) =>
  visibleNav(permissions, items).map((i) => i.label);

describe("navigation", () => {
  it("shows Admin to anyone holding one of the admin permissions, and only the sections they may open", () => {
    expect(labels([])).toEqual(["Home"]);
    expect(labels(["reports.read"])).toEqual(["Home", "Reports"]);
    expect(labels(["audit.read"])).toEqual(["Home", "Admin"]);
    expect(labels(["audit.read"], ADMIN_NAV)).toEqual(["Audit log"]);
    expect(labels(["users.read", "roles.manage", "audit.read"], ADMIN_NAV)).toEqual([
      "Users",
      "Roles",
      "Audit log",
    ]);
  });

  it("an entry without a permission is open to every signed-in user", () => {
    expect(canOpen([], { href: "/", label: "Home" })).toBe(true);
    expect(canOpen([], { href: "/x", label: "X", permission: [] })).toBe(false);
  });
});
