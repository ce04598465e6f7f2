import { describe, expect, it } from "vitest";
import { describeAccessChange } from "@/lib/client/access-change";

describe("describeAccessChange", () => {
  it("names a page that opened", () => {
    expect(describeAccessChange([], ["reports.read", "reports.export"])).toEqual([
      { kind: "gained", text: "You can now open Reports." },
    ]);
  });

  it("names a page that closed", () => {
    expect(describeAccessChange(["reports.read"], [])).toEqual([
      { kind: "lost", text: "Your access to Reports was removed by an administrator." },
    ]);
  });

  it("lists several pages, and says both ways in one change", () => {
    expect(describeAccessChange(["reports.read"], ["users.read", "roles.manage", "audit.read"])).toEqual([
      { kind: "gained", text: "You can now open Users, Roles and Audit log." },
      { kind: "lost", text: "Your access to Reports was removed by an administrator." },
    ]);
  });

  it("names the permissions when no page changed", () => {
    expect(describeAccessChange(["reports.read"], ["reports.read", "reports.export"])).toEqual([
      { kind: "changed", text: "Your permissions changed: you now have reports.export." },
    ]);
  });

  it("says nothing when nothing changed", () => {
    expect(describeAccessChange(["reports.read"], ["reports.read"])).toEqual([]);
  });
});
