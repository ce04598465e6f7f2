import { describe, expect, it } from "vitest";
import { ADMIN_NAV, canOpen, MAIN_NAV, mayOpen, routeOf, visibleNav } from "@/lib/navigation";

const labels = (permissions: string[], items = MAIN_NAV) =>
  visibleNav(permissions, items).map((i) => i.label);

describe("navigation", () => {
  it("shows Admin to anyone holding one of the admin permissions, and only the sections they may open", () => {
    expect(labels([])).toEqual(["Home", "Profile"]);
    expect(labels(["reports.read"])).toEqual(["Home", "Reports", "Profile"]);
    expect(labels(["audit.read"])).toEqual(["Home", "Admin", "Profile"]);
    expect(labels(["audit.read"], ADMIN_NAV)).toEqual(["Audit log"]);
    expect(labels(["users.read", "roles.manage", "audit.read"], ADMIN_NAV)).toEqual([
      "Users",
      "Roles",
      "Audit log",
    ]);
  });

  it("an entry without a permission is open to every signed-in user; an empty list to nobody", () => {
    expect(canOpen([], { href: "/", label: "Home" })).toBe(true);
    expect(mayOpen([], { permission: [] })).toBe(false);
  });

  it("a URL path belongs to its route pattern, static segments first", () => {
    expect(routeOf("/")).toBe("/");
    expect(routeOf("/admin/users")).toBe("/admin/users");
    expect(routeOf("/admin/users/u_1")).toBe("/admin/users/[id]");
    expect(routeOf("/admin/roles/r1/")).toBe("/admin/roles/[id]");
    expect(routeOf("/nowhere")).toBeNull();
    expect(routeOf("/admin/users/u_1/more")).toBeNull();
  });
});
