// Organization-owned rows cannot be read unscoped: the lint rule refuses any
// query of them outside lib/tenancy (Prisma or SQL), and the client extension
// there pins every query to one organization or refuses it.
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";
import { scopeArgs, UnscopedQueryError } from "@/lib/tenancy/scoped-client";

let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: process.cwd() });
});

async function refusals(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${source}\nexport {};\n`, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === "no-restricted-syntax").map((m) => m.message);
}

const UNSCOPED: [file: string, source: string][] = [
  ["app/(app)/fixture/page.tsx", "declare const prisma: any; void prisma.report.findMany();"],
  ["lib/admin/fixture.ts", "declare const tx: any; void tx.report.deleteMany({});"],
  ["lib/auth/fixture.ts", "declare const db: any; void db.report.count();"],
  ["app/api/fixture/route.ts", 'declare const prisma: any; void prisma.$queryRaw`SELECT * FROM "Report"`;'],
  [
    "lib/admin/fixture.ts",
    "declare const prisma: any; void prisma.organization.findMany({ include: { reports: true } });",
  ],
  [
    "scripts/fixture.ts",
    "declare const prisma: any; void prisma.$queryRawUnsafe('SELECT * FROM \"Report\"');",
  ],
];

describe("the unscoped-query rule (eslint.layers.mjs ORGANIZATION_OWNED)", () => {
  for (const [file, source] of UNSCOPED) {
    it(`refuses in ${file}: ${source}`, { timeout: 60_000 }, async () => {
      const messages = await refusals(file, source);
      expect(messages.length).toBeGreaterThan(0);
      expect(messages[0]).toMatch(/lib\/tenancy/);
    });
  }

  it("lets lib/tenancy itself, and unrelated `this.report` calls, through", { timeout: 60_000 }, async () => {
    expect(
      await refusals("lib/tenancy/fixture.ts", "declare const db: any; void db.report.findMany();"),
    ).toEqual([]);
    expect(
      await refusals("lib/db/fixture.ts", "class A { report() {} run() { this.report(); } }; void A;"),
    ).toEqual([]);
  });
});

describe("scopeArgs (the tenant-scope client extension)", () => {
  it("adds the organization to every filter, keeping the caller's", () => {
    for (const op of [
      "findMany",
      "findFirst",
      "findUnique",
      "count",
      "updateMany",
      "deleteMany",
      "delete",
      "update",
    ])
      expect(scopeArgs("Report", op, { where: { title: "x" } }, "org1")).toMatchObject({
        where: { title: "x", organizationId: "org1" },
      });
  });

  it("cannot be talked out of it by a caller naming another organization", () => {
    expect(scopeArgs("Report", "findMany", { where: { organizationId: "other" } }, "org1")).toEqual({
      where: { organizationId: "org1" },
    });
  });

  it("stamps created rows with the organization", () => {
    expect(scopeArgs("Report", "create", { data: { title: "t", organizationId: "other" } }, "org1")).toEqual({
      data: { title: "t", organizationId: "org1" },
    });
    expect(scopeArgs("Report", "createMany", { data: [{ title: "a" }, { title: "b" }] }, "org1")).toEqual({
      data: [
        { title: "a", organizationId: "org1" },
        { title: "b", organizationId: "org1" },
      ],
    });
  });

  it("stamps rows created in bulk with their return (one row or many), and both sides of an upsert", () => {
    expect(scopeArgs("Report", "createManyAndReturn", { data: { title: "a" } }, "org1")).toEqual({
      data: [{ title: "a", organizationId: "org1" }],
    });
    expect(
      scopeArgs(
        "Report",
        "upsert",
        { where: { id: "r1" }, create: { title: "new", organizationId: "other" } },
        "org1",
      ),
    ).toEqual({
      where: { id: "r1", organizationId: "org1" },
      create: { title: "new", organizationId: "org1" },
    });
  });

  it("refuses every query without an organization, and any operation it does not know, saying which", () => {
    expect(() => scopeArgs("Report", "findMany", {}, null)).toThrow(UnscopedQueryError);
    expect(() => scopeArgs("Report", "findMany", {}, null)).toThrow(
      "Report.findMany needs an active organization: organization-owned rows are never read unscoped",
    );
    expect(() => scopeArgs("Report", "somethingNew", {}, "org1")).toThrow(/^Report\.somethingNew needs/);
    const thrown = (() => {
      try {
        scopeArgs("Report", "count", {}, null);
      } catch (error) {
        return error as Error;
      }
    })();
    expect(thrown?.name).toBe("UnscopedQueryError");
  });
});
