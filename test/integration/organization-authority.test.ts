// Rights within organizations: an organization admin (members.manage through
// a membership) manages their own organization's members only, grants only
// roles whose permissions they hold there, and touches nobody stronger; a
// platform admin manages every organization. Refusals write nothing.
import { afterAll, beforeAll, expect, it } from "vitest";
import { addMember, changeMemberExpiry, removeMember } from "@/lib/admin/organization-changes";
import { ActionError } from "@/lib/actions/state";
import { seedDemoData } from "@/lib/db/seed";
import { actorFor, idOfRole, idOfUser, snapshotTables } from "../support/admin";
import { createMigratedDatabase, describeOnBackends, type TestDatabase } from "../support/databases";

await describeOnBackends("rights within organizations", (backend) => {
  let db: TestDatabase;
  let acme: string, globex: string, orgAdminRole: string, editor: string, viewer: string;

  beforeAll(async () => {
    db = await createMigratedDatabase(backend);
    await seedDemoData(db.prisma);
    acme = (await db.prisma.organization.findUniqueOrThrow({ where: { slug: "acme" } })).id;
    globex = (await db.prisma.organization.findUniqueOrThrow({ where: { slug: "globex" } })).id;
    editor = await idOfRole(db, "Editor");
    viewer = await idOfRole(db, "Viewer");
    const role = await db.prisma.role.create({
      data: {
        name: "Org Admin",
        permissions: { create: [{ permission: "members.manage" }, { permission: "reports.read" }] },
      },
    });
    orgAdminRole = role.id;
    // Ann administers acme (on top of being an Editor there).
    await db.prisma.membership.create({
      data: {
        userId: await idOfUser(db, "ann@acme.example.com"),
        organizationId: acme,
        roleId: orgAdminRole,
      },
    });
  });
  afterAll(() => db?.dispose());

  const refusedAndUnchanged = async (change: () => Promise<unknown>, message: RegExp) => {
    const before = await snapshotTables(db.sql);
    await expect(change()).rejects.toThrow(ActionError);
    await expect(change()).rejects.toThrow(message);
    expect(await snapshotTables(db.sql)).toEqual(before);
  };

  it("an organization admin adds and re-times members of their own organization", async () => {
    const ann = await actorFor(db, "ann@acme.example.com");
    const outcome = await addMember(db.prisma, ann, {
      organizationId: acme,
      email: "viewer@example.com",
      roleId: viewer,
      expiresAt: null,
    });
    expect(outcome.status).toBe("success");
    const later = new Date(Date.now() + 86_400_000);
    const viewerId = await idOfUser(db, "viewer@example.com");
    expect(
      (
        await changeMemberExpiry(db.prisma, ann, {
          organizationId: acme,
          userId: viewerId,
          roleId: viewer,
          expiresAt: later,
        })
      ).status,
    ).toBe("success");
    const audit = await db.prisma.auditEvent.findMany({ where: { targetId: acme }, orderBy: { id: "asc" } });
    expect(audit.map((a) => a.action)).toEqual([
      "organization.member.added",
      "organization.member.expiry.changed",
    ]);
  });

  it("an organization admin cannot touch another organization", async () => {
    const ann = await actorFor(db, "ann@acme.example.com");
    const gus = await idOfUser(db, "gus@globex.example.com");
    await refusedAndUnchanged(
      () =>
        addMember(db.prisma, ann, {
          organizationId: globex,
          email: "viewer@example.com",
          roleId: viewer,
          expiresAt: null,
        }),
      /do not manage the members of this organization/,
    );
    await refusedAndUnchanged(
      () => removeMember(db.prisma, ann, { organizationId: globex, userId: gus, roleId: editor }),
      /do not manage the members of this organization/,
    );
  });

  it("grants only roles whose permissions they hold there, and changes nobody stronger", async () => {
    const ann = await actorFor(db, "ann@acme.example.com");
    const adminRole = await idOfRole(db, "Admin");
    await refusedAndUnchanged(
      () =>
        addMember(db.prisma, ann, {
          organizationId: acme,
          email: "editor@example.com",
          roleId: adminRole,
          expiresAt: null,
        }),
      /only roles whose permissions you hold/,
    );
    // The admin holds users.manage (globally): stronger than ann, even as a member of acme.
    const admin = await actorFor(db, "admin@example.com");
    expect(
      (
        await addMember(db.prisma, admin, {
          organizationId: acme,
          email: "admin@example.com",
          roleId: viewer,
          expiresAt: null,
        }).catch((e: Error) => ({ status: "error", message: e.message }))
      ).status,
    ).toBe("error"); // nobody edits their own access
    await db.prisma.membership.create({
      data: { userId: await idOfUser(db, "admin@example.com"), organizationId: acme, roleId: viewer },
    });
    const adminId = await idOfUser(db, "admin@example.com");
    await refusedAndUnchanged(
      () => removeMember(db.prisma, ann, { organizationId: acme, userId: adminId, roleId: viewer }),
      /which you do not hold/,
    );
  });

  it("a platform admin manages every organization's members", async () => {
    const admin = await actorFor(db, "admin@example.com");
    const gus = await idOfUser(db, "gus@globex.example.com");
    expect(
      (await removeMember(db.prisma, admin, { organizationId: globex, userId: gus, roleId: editor })).status,
    ).toBe("success");
  });
});
