import { afterAll, beforeAll, expect, it } from "vitest";
import { authenticate } from "@/lib/sign-in/attempt";
import { loadClaims } from "@/lib/auth/claims";
import { DEMO_PASSWORD, DEMO_USERS, demoRoleNames } from "@/lib/db/demo-data";
import { seedDemoData } from "@/lib/db/seed";
import { migrate } from "@/lib/db/tasks";
import { Prisma } from "@/lib/generated/prisma/client";
import { PERMISSIONS } from "@/lib/permissions/catalogue";
import { createEmptyDatabase, describeOnBackends, type TestDatabase } from "../support/databases";

await describeOnBackends("database from empty", (backend) => {
  let db: TestDatabase;
  const quiet = () => {};

  beforeAll(async () => {
    db = await createEmptyDatabase(backend);
  });
  afterAll(() => db?.dispose());

  it("migrates an empty database, then has nothing left to apply", async () => {
    expect((await migrate(db, quiet)).length).toBeGreaterThan(0);
    expect(await migrate(db, quiet)).toEqual([]);
  });

  it("has exactly the tables and columns schema.prisma declares", async () => {
    const rows = await db.sql.query<{ table_name: string; column_name: string }>(
      `SELECT table_name, column_name FROM information_schema.columns
       WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`,
    );
    const inDatabase = rows.map((r) => `${r.table_name}.${r.column_name}`).sort();
    const fieldEnums: Record<string, Record<string, string>> = {
      User: Prisma.UserScalarFieldEnum,
      Role: Prisma.RoleScalarFieldEnum,
      UserRole: Prisma.UserRoleScalarFieldEnum,
      RolePermission: Prisma.RolePermissionScalarFieldEnum,
      AuditEvent: Prisma.AuditEventScalarFieldEnum,
      SignInLimit: Prisma.SignInLimitScalarFieldEnum,
      Organization: Prisma.OrganizationScalarFieldEnum,
      Membership: Prisma.MembershipScalarFieldEnum,
      Report: Prisma.ReportScalarFieldEnum,
      Session: Prisma.SessionScalarFieldEnum,
      TokenSigningKey: Prisma.TokenSigningKeyScalarFieldEnum,
      UsedRefreshToken: Prisma.UsedRefreshTokenScalarFieldEnum,
      Invitation: Prisma.InvitationScalarFieldEnum,
      PasswordResetToken: Prisma.PasswordResetTokenScalarFieldEnum,
      DevMail: Prisma.DevMailScalarFieldEnum,
      SignUpRequest: Prisma.SignUpRequestScalarFieldEnum,
      Account: Prisma.AccountScalarFieldEnum,
    };
    // Every model must be listed above, so a new model cannot slip past this test.
    expect(Object.keys(fieldEnums).sort()).toEqual(Object.values(Prisma.ModelName).sort());
    const inSchema = Object.entries(fieldEnums)
      .flatMap(([model, fields]) => Object.values(fields).map((f) => `${model}.${f}`))
      .sort();
    expect(inDatabase).toEqual(inSchema);
  });

  it("seeds the demo data, and seeding twice changes nothing", async () => {
    const first = await seedDemoData(db.prisma);
    // Three users with a global role (each also a Viewer of Example Co), three members of
    // organizations (four memberships).
    expect(first).toMatchObject({ rolesCreated: 3, usersCreated: 6, grantsAdded: 10 });
    const snapshot = async () => ({
      users: await db.prisma.user.findMany({ orderBy: { email: "asc" } }),
      roles: await db.prisma.role.findMany({ orderBy: { name: "asc" } }),
      grants: await db.prisma.userRole.findMany({ orderBy: [{ userId: "asc" }, { roleId: "asc" }] }),
      perms: await db.prisma.rolePermission.findMany({ orderBy: [{ roleId: "asc" }, { permission: "asc" }] }),
      organizations: await db.prisma.organization.findMany({ orderBy: { slug: "asc" } }),
      memberships: await db.prisma.membership.findMany({ orderBy: { id: "asc" } }),
      reports: await db.sql.query(`SELECT * FROM "Report" ORDER BY id`),
    });
    const before = await snapshot();
    const second = await seedDemoData(db.prisma);
    expect(second).toEqual({ rolesCreated: 0, usersCreated: 0, grantsAdded: 0, permissionsChanged: 0 });
    expect(await snapshot()).toEqual(before);
  });

  it("gives each demo user the role of the same name and its permissions", async () => {
    const expected: Record<string, string[]> = {
      "admin@example.com": [...PERMISSIONS],
      "editor@example.com": ["reports.read", "reports.export"],
      "viewer@example.com": [],
    };
    for (const demo of DEMO_USERS) {
      const user = await db.prisma.user.findUniqueOrThrow({ where: { email: demo.email } });
      const claims = await loadClaims(db.prisma, user.id, Date.now());
      expect(claims?.roles).toEqual(demoRoleNames(demo));
      expect(claims?.permissions).toEqual(expected[demo.email]);
    }
  });

  it("signs in with the right password only", async () => {
    const ok = await authenticate(db.prisma, { email: "editor@example.com", password: DEMO_PASSWORD });
    expect(ok).toMatchObject({ email: "editor@example.com", name: "Eddie Editor" });
    expect(ok).not.toHaveProperty("passwordHash");
    expect(
      await authenticate(db.prisma, { email: "  Editor@Example.com ", password: DEMO_PASSWORD }),
    ).not.toBeNull();
    expect(await authenticate(db.prisma, { email: "editor@example.com", password: "wrong" })).toBeNull();
    expect(
      await authenticate(db.prisma, { email: "nobody@example.com", password: DEMO_PASSWORD }),
    ).toBeNull();
    expect(await authenticate(db.prisma, { email: "not-an-email", password: DEMO_PASSWORD })).toBeNull();
    expect(await authenticate(db.prisma, {})).toBeNull();
  });

  it("refuses a disabled user even with the right password", async () => {
    await db.prisma.user.update({ where: { email: "viewer@example.com" }, data: { disabledAt: new Date() } });
    expect(
      await authenticate(db.prisma, { email: "viewer@example.com", password: DEMO_PASSWORD }),
    ).toBeNull();
  });
});
