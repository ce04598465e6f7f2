import { describe, expect, it } from "vitest";
import {
  type AccessNotice,
  describeAccessChange,
  MAX_NOTICES,
  mergeNotices,
  noticeText,
  reasonOf,
} from "@/lib/client/access-change";
import type { ClientClaims } from "@/lib/client/claims";
import type { Permission } from "@/lib/permissions/catalogue";

const acme = { id: "o1", slug: "acme", name: "Acme" };
const globex = { id: "o2", slug: "globex", name: "Globex" };

const claims = (
  permissions: Permission[],
  { stamp = 1, chosenAt = 1, organization = null as ClientClaims["organization"] } = {},
): ClientClaims => ({
  roles: [],
  permissions,
  globalPermissions: [],
  permissionsUpdatedAt: stamp,
  organization,
  organizationChosenAt: chosenAt,
});

const texts = (before: ClientClaims, after: ClientClaims) =>
  describeAccessChange(before, after).map(noticeText);

describe("reasonOf: why the claims moved", () => {
  it("a switch moves the organization's stamp; a write moves the permission stamp; an ending moves neither", () => {
    const before = claims(["reports.read"], { stamp: 1, chosenAt: 1 });
    expect(reasonOf(before, claims([], { stamp: 1, chosenAt: 2 }))).toBe("switch");
    expect(reasonOf(before, claims([], { stamp: 2, chosenAt: 1 }))).toBe("admin");
    expect(reasonOf(before, claims([], { stamp: 1, chosenAt: 1 }))).toBe("ended");
  });

  it("a switch seen together with a write is the switch: an administrator is not blamed for the user's choice", () => {
    expect(reasonOf(claims([]), claims([], { stamp: 2, chosenAt: 2 }))).toBe("switch");
  });
});

describe("describeAccessChange", () => {
  it("names a page that opened", () => {
    expect(texts(claims([]), claims(["reports.read", "reports.export"], { stamp: 2 }))).toEqual([
      "You can now open Reports.",
    ]);
  });

  it("says who closed a page: an administrator, or a grant that ended", () => {
    expect(texts(claims(["reports.read"]), claims([], { stamp: 2 }))).toEqual([
      "Your access to Reports was removed by an administrator.",
    ]);
    expect(texts(claims(["reports.read"]), claims([]))).toEqual(["Your access to Reports has ended."]);
  });

  it("a switch names the organization, and never an administrator", () => {
    const inAcme = claims(["reports.read"], { organization: acme });
    const inGlobex = claims([], { chosenAt: 2, organization: globex });
    expect(texts(inAcme, inGlobex)).toEqual(["In Globex, you cannot open Reports."]);
    expect(texts(inGlobex, { ...inAcme, organizationChosenAt: 3 })).toEqual([
      "In Acme, you can open Reports.",
    ]);
  });

  it("lists several pages, and says both ways in one change", () => {
    expect(
      texts(claims(["reports.read"]), claims(["users.read", "roles.manage", "audit.read"], { stamp: 2 })),
    ).toEqual([
      "You can now open Users, Roles and Audit log.",
      "Your access to Reports was removed by an administrator.",
    ]);
  });

  it("names the permissions when no page changed", () => {
    expect(texts(claims(["reports.read"]), claims(["reports.read", "reports.export"], { stamp: 2 }))).toEqual(
      ["Your permissions changed: you now have reports.export."],
    );
  });

  it("names the permissions that went, and both ways at once, when no page changed", () => {
    const both: Permission[] = ["reports.read", "reports.export"];
    expect(texts(claims(both), claims(["reports.read"], { stamp: 2 }))).toEqual([
      "Your permissions changed: you no longer have reports.export.",
    ]);
    expect(describeAccessChange(claims(both), claims(["reports.read"], { stamp: 2 }))).toEqual([
      { kind: "changed", added: [], removed: ["reports.export"] },
    ]);
    // Today reports.export is the one permission that opens no page; a future one would be named the same way.
    const share = "reports.share" as Permission;
    const print = "reports.print" as Permission;
    expect(texts(claims(both), claims(["reports.read", share], { stamp: 2 }))).toEqual([
      "Your permissions changed: you now have reports.share; you no longer have reports.export.",
    ]);
    expect(texts(claims(["reports.read"]), claims(["reports.read", share, print], { stamp: 2 }))).toEqual([
      "Your permissions changed: you now have reports.share, reports.print.",
    ]);
    expect(texts(claims(["reports.read", share, print]), claims(["reports.read"], { stamp: 2 }))).toEqual([
      "Your permissions changed: you no longer have reports.share, reports.print.",
    ]);
  });

  it("a lost page is a 'lost' notice with its reason and organization", () => {
    expect(
      describeAccessChange(
        claims(["reports.read"], { organization: acme }),
        claims([], { stamp: 2, organization: acme }),
      ),
    ).toEqual([{ kind: "lost", reason: "admin", pages: ["Reports"], organization: "Acme" }]);
  });

  it("names the organization only for a switch into one: not for an administrator's change, not for a switch to none", () => {
    expect(
      texts(claims([], { organization: acme }), claims(["reports.read"], { stamp: 2, organization: acme })),
    ).toEqual(["You can now open Reports."]);
    expect(texts(claims(["reports.read"], { organization: acme }), claims([], { chosenAt: 2 }))).toEqual([
      "Your access to Reports has ended.",
    ]);
  });

  it("says nothing when nothing changed", () => {
    expect(describeAccessChange(claims(["reports.read"]), claims(["reports.read"], { stamp: 2 }))).toEqual(
      [],
    );
  });
});

describe("mergeNotices: one notice per subject, the latest", () => {
  const gained = (pages: string[]): AccessNotice => ({
    kind: "gained",
    reason: "admin",
    pages,
    organization: null,
  });
  const lost = (pages: string[]): AccessNotice => ({
    kind: "lost",
    reason: "admin",
    pages,
    organization: null,
  });

  it("a removal replaces the grant's notice about the same page", () => {
    expect(mergeNotices([gained(["Reports"])], [lost(["Reports"])])).toEqual([lost(["Reports"])]);
  });

  it("an older notice keeps the pages nothing newer speaks of", () => {
    const merged = mergeNotices([gained(["Users", "Roles"])], [lost(["Roles"])]);
    expect(merged.map(noticeText)).toEqual([
      "You can now open Users.",
      "Your access to Roles was removed by an administrator.",
    ]);
  });

  it("a permissions notice replaces the last one, and leaves page notices alone", () => {
    const changed = (added: string[]): AccessNotice => ({ kind: "changed", added, removed: [] });
    expect(mergeNotices([gained(["Reports"]), changed(["a"])], [changed(["b"])])).toEqual([
      gained(["Reports"]),
      changed(["b"]),
    ]);
  });

  it("keeps at most a few, newest last", () => {
    const pages = ["Reports", "Users", "Roles", "Audit log"];
    const merged = pages.reduce<AccessNotice[]>((shown, page) => mergeNotices(shown, [gained([page])]), []);
    expect(merged).toHaveLength(MAX_NOTICES);
    expect(merged.at(-1)).toEqual(gained(["Audit log"]));
  });
});
