// Organizations in the database: the triggers re-stamp exactly the users a
// change concerns, and the claims follow the active organization (the tenant
// key): permissions are global roles ∪ that organization's membership roles,
// and a membership removed, ended or deleted moves the session elsewhere.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadClaims } from "@/lib/auth/claims";
import { DEMO_MEMBERS } from "@/lib/db/demo-data";
import { seedDemoData } from "@/lib/db/seed";
import { scopedClient, UnscopedQueryError } from "@/lib/tenancy/scoped-client";
import { createMigratedDatabase, describeOnBackends, type TestDatabase } from "../support/databases";
import { addMember, createOrganization, createRole, createUser, grant, stampsOf } from "../support/fixtures";

await describeOnBackends("organizations", (backend) => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createMigratedDatabase(backend);
  });
  afterAll(() => db?.dispose());

  /** Runs `change` and says which of `users` were re-stamped. */
  async function restamped(users: string[], change: () => Promise<unknown>): Promise<string[]> {
    const before = await stampsOf(db.sql, users);
    await change();
    const after = await stampsOf(db.sql, users);
    return users.filter((_, i) => after[i] !== before[i]);
  }

  describe("triggers", () => {
    let org: string, otherOrg: string, role: string, member: string, bystander: string, admin: string;

    beforeAll(async () => {
      org = await createOrganization(db.sql);
      otherOrg = await createOrganization(db.sql);
      role = await createRole(db.sql, ["reports.read"]);
      const adminRole = await createRole(db.sql, ["users.manage"]);
      member = await createUser(db.sql);
      bystander = await createUser(db.sql);
      admin = await createUser(db.sql, "admin");
      await grant(db.sql, admin, adminRole);
      await addMember(db.sql, bystander, otherOrg, role);
    });

    it("a membership added, changed or removed re-stamps that user only", async () => {
      const users = [member, bystander, admin];
      expect(await restamped(users, () => addMember(db.sql, member, org, role))).toEqual([member]);
      expect(
        await restamped(users, () =>
          db.sql.query(`UPDATE "Membership" SET "expiresAt" = now() + interval '1 day' WHERE "userId" = $1`, [
            member,
          ]),
        ),
      ).toEqual([member]);
      expect(
        await restamped(users, () => db.sql.query(`DELETE FROM "Membership" WHERE "userId" = $1`, [member])),
      ).toEqual([member]);
    });

    it("a role's permissions reach its organization members", async () => {
      await addMember(db.sql, member, org, role);
      expect(
        await restamped([member, admin], () =>
          db.sql.query(`INSERT INTO "RolePermission" ("roleId", permission) VALUES ($1, 'reports.export')`, [
            role,
          ]),
        ),
      ).toContain(member);
      expect(
        await restamped([member, admin], () =>
          db.sql.query(`UPDATE "Role" SET name = name || 'x' WHERE id = $1`, [role]),
        ),
      ).toContain(member);
    });

    it("an organization renamed re-stamps its members and the platform admins, nobody else", async () => {
      expect(
        await restamped([member, bystander, admin], () =>
          db.sql.query(`UPDATE "Organization" SET name = 'Renamed' WHERE id = $1`, [org]),
        ),
      ).toEqual([member, admin]);
    });

    it("an organization deleted re-stamps its members (its memberships go) and the platform admins", async () => {
      const doomed = await createOrganization(db.sql);
      await addMember(db.sql, member, doomed, role);
      expect(
        await restamped([member, bystander, admin], () =>
          db.sql.query(`DELETE FROM "Organization" WHERE id = $1`, [doomed]),
        ),
      ).toEqual([member, admin]);
      expect(await db.sql.query(`SELECT 1 FROM "Membership" WHERE "organizationId" = $1`, [doomed])).toEqual(
        [],
      );
    });

    it('TRUNCATE "Membership" re-stamps everyone', async () => {
      expect(await restamped([member, bystander, admin], () => db.sql.exec(`TRUNCATE "Membership"`))).toEqual(
        [member, bystander, admin],
      );
    });
  });

  describe("claims in the active organization", () => {
    let acme: string, globex: string, editor: string, viewer: string, adminRole: string;
    let mia: string, admin: string;

    beforeAll(async () => {
      acme = await createOrganization(db.sql, "a");
      globex = await createOrganization(db.sql, "b");
      editor = await createRole(db.sql, ["reports.read", "reports.export"], "editor");
      viewer = await createRole(db.sql, [], "viewer");
      adminRole = await createRole(db.sql, ["users.manage", "users.read"], "admin");
      mia = await createUser(db.sql, "mia");
      admin = await createUser(db.sql, "admin");
      await addMember(db.sql, mia, acme, editor);
      await addMember(db.sql, mia, globex, viewer);
      await grant(db.sql, admin, adminRole);
    });

    const claims = (user: string, org: string | null = null) => loadClaims(db.prisma, user, Date.now(), org);

    it("at sign-in: the first membership by slug, with its roles and permissions", async () => {
      const c = await claims(mia);
      expect(c?.organization?.id).toBe(acme);
      expect(c?.permissions).toEqual(["reports.read", "reports.export"]);
    });

    it("keeps the organization asked for while a member: only that organization's roles count", async () => {
      const c = await claims(mia, globex);
      expect(c?.organization?.id).toBe(globex);
      expect(c?.permissions).toEqual([]);
      expect(c?.roles).toEqual([expect.stringMatching(/^viewer/)]);
    });

    it("global roles hold in every organization", async () => {
      await grant(db.sql, mia, adminRole);
      expect((await claims(mia, globex))?.permissions).toEqual(["users.read", "users.manage"]);
      await db.sql.query(`DELETE FROM "UserRole" WHERE "userId" = $1`, [mia]);
    });

    it("removed from acme: the next rebuild moves her to globex; removed from both: none", async () => {
      await db.sql.query(`DELETE FROM "Membership" WHERE "userId" = $1 AND "organizationId" = $2`, [
        mia,
        acme,
      ]);
      expect((await claims(mia, acme))?.organization?.id).toBe(globex);
      await db.sql.query(`DELETE FROM "Membership" WHERE "userId" = $1`, [mia]);
      const c = await claims(mia, globex);
      expect(c?.organization).toBeNull();
      expect(c?.permissions).toEqual([]);
    });

    it("a membership that ended counts as gone, and the nearest end is in the claims", async () => {
      const soon = new Date(Date.now() + 60_000);
      await addMember(db.sql, mia, acme, editor, soon);
      expect((await claims(mia, acme))?.grantExp).toBe(soon.getTime());
      expect((await loadClaims(db.prisma, mia, soon.getTime() + 1, acme))?.organization).toBeNull();
    });

    it("a platform admin may enter any organization; nobody else enters one they do not belong to", async () => {
      expect((await claims(admin))?.organization).toBeNull();
      expect((await claims(admin, globex))?.organization?.id).toBe(globex);
      expect((await claims(mia, globex))?.organization?.id).not.toBe(globex);
    });
  });

  describe("scoped reads and the seed", () => {
    it("the tenant-scope client reads one organization's reports only, and refuses without one", async () => {
      await seedDemoData(db.prisma);
      const orgs = await db.prisma.organization.findMany({ where: { slug: { in: ["acme", "globex"] } } });
      for (const org of orgs) {
        const reports = await scopedClient(db.prisma, org.id).report.findMany({
          where: { organizationId: orgs.find((o) => o.id !== org.id)!.id }, // asking for the other one
        });
        expect(reports).toHaveLength(3);
        for (const r of reports) {
          expect(r.organizationId).toBe(org.id);
          expect(r.title).toContain(org.name);
        }
      }
      await expect(scopedClient(db.prisma, null).report.findMany()).rejects.toThrow(UnscopedQueryError);
    });

    it("seeds ann, gus and mia with their memberships; the seed's accounts sign in to their first organization", async () => {
      const expected: Record<string, { org: string; roles: string[] }> = {
        "ann@acme.example.com": { org: "acme", roles: ["Editor"] },
        "gus@globex.example.com": { org: "globex", roles: ["Editor"] },
        "mia@example.com": { org: "acme", roles: ["Editor"] },
      };
      for (const demo of DEMO_MEMBERS) {
        const user = await db.prisma.user.findUniqueOrThrow({ where: { email: demo.email } });
        const c = await loadClaims(db.prisma, user.id, Date.now());
        expect(c?.organization?.slug).toBe(expected[demo.email]!.org);
        expect(c?.roles).toEqual(expected[demo.email]!.roles);
      }
    });
  });
});
