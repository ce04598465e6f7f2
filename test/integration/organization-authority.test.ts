// Rights within organizations: an organization admin (members.manage through
// a membership) manages their own organization's members only, grants only
// roles whose permissions they hold there, and touches nobody stronger; a
// platform admin manages every organization. Refusals write nothing.
import { afterAll, beforeAll, expect, it } from "vitest";
import { acceptInvitation, invitedMessage } from "@/lib/admin/invitations";
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

  it("an organization admin invites; the account joins when it accepts; then they re-time it", async () => {
    const ann = await actorFor(db, "ann@acme.example.com");
    const viewerId = await idOfUser(db, "viewer@example.com");
    const outcome = await addMember(db.prisma, ann, {
      organizationId: acme,
      email: "viewer@example.com",
      roleId: viewer,
      expiresAt: null,
    });
    expect(outcome).toEqual({
      status: "success",
      message: invitedMessage("viewer@example.com", "Viewer", "Acme"),
    });
    expect(await db.prisma.membership.count({ where: { userId: viewerId, organizationId: acme } })).toBe(0);
    const invitation = await db.prisma.invitation.findFirstOrThrow({
      where: { email: "viewer@example.com" },
    });
    const vera = await actorFor(db, "viewer@example.com");
    expect((await acceptInvitation(db.prisma, vera, { invitationId: invitation.id })).status).toBe("success");
    expect(await db.prisma.membership.count({ where: { userId: viewerId, organizationId: acme } })).toBe(1);
    // Single use.
    await refusedAndUnchanged(
      () => acceptInvitation(db.prisma, vera, { invitationId: invitation.id }),
      /no longer open/,
    );
    const later = new Date(Date.now() + 86_400_000);
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
      "organization.invitation.created",
      "organization.invitation.accepted",
      "organization.member.expiry.changed",
    ]);
  });

  it("an organization admin's answer is the same for an unknown address, a member's and the platform admin's", async () => {
    const ann = await actorFor(db, "ann@acme.example.com");
    const answers = [];
    for (const email of ["nobody-here@example.test", "gus@globex.example.com", "admin@example.com"]) {
      const before = await db.prisma.membership.count();
      const outcome = await addMember(db.prisma, ann, {
        organizationId: acme,
        email,
        roleId: viewer,
        expiresAt: null,
      });
      answers.push(outcome.message?.replace(email, "<email>"));
      expect(outcome.status, email).toBe("success");
      expect(await db.prisma.membership.count(), `${email}: nobody joins before accepting`).toBe(before);
    }
    expect(new Set(answers).size).toBe(1);
    // An account holding platform permissions cannot accept an organization admin's invitation.
    const admin = await actorFor(db, "admin@example.com");
    const invitation = await db.prisma.invitation.findFirstOrThrow({ where: { email: "admin@example.com" } });
    await refusedAndUnchanged(
      () => acceptInvitation(db.prisma, admin, { invitationId: invitation.id }),
      /cannot accept it/,
    );
    // Nor someone else's invitation, nor an expired or revoked one.
    const gus = await actorFor(db, "gus@globex.example.com");
    await refusedAndUnchanged(
      () => acceptInvitation(db.prisma, gus, { invitationId: invitation.id }),
      /no longer open/,
    );
    const gusInvitation = await db.prisma.invitation.findFirstOrThrow({
      where: { email: "gus@globex.example.com" },
    });
    await db.prisma.invitation.update({
      where: { id: gusInvitation.id },
      data: { expiresAt: new Date(Date.now() - 1) },
    });
    await refusedAndUnchanged(
      () => acceptInvitation(db.prisma, gus, { invitationId: gusInvitation.id }),
      /no longer open/,
    );
    await db.prisma.invitation.update({
      where: { id: gusInvitation.id },
      data: { expiresAt: new Date(Date.now() + 86_400_000), revokedAt: new Date() },
    });
    await refusedAndUnchanged(
      () => acceptInvitation(db.prisma, gus, { invitationId: gusInvitation.id }),
      /no longer open/,
    );
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
      /organization permissions only/,
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
