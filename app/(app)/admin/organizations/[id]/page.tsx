import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { InvitationsTable } from "@/components/admin/organizations/invitations-table";
import { MembersTable } from "@/components/admin/organizations/members-table";
import { AddMemberForm, RenameOrganizationForm } from "@/components/admin/organizations/organization-forms";
import { ConfirmActionForm } from "@/components/confirm-action-form";
import { PageHeader } from "@/components/page-header";
import { formatCount } from "@/lib/admin/format";
import { getOrganizationDetail, grantableBy, listRoleOptions, membershipRoles } from "@/lib/admin";
import { requirePage } from "@/lib/page-guard";
import { invitationMailUnavailable } from "@/lib/sign-in";
import { parseRouteId } from "@/lib/validations/admin";
import {
  addMember,
  changeMemberExpiry,
  deleteOrganization,
  removeMember,
  renameOrganization,
  revokeInvitation,
} from "../actions";

export const metadata: Metadata = { title: "Organization" };

type Props = { params: Promise<{ id: string }> };

export default async function OrganizationPage({ params }: Props) {
  const user = await requirePage("/admin/organizations/[id]");
  const id = parseRouteId((await params).id);
  if (!id) notFound();
  // Another organization than one's own is a page that does not exist.
  const organization = await getOrganizationDetail(user, id);
  if (!organization) notFound();
  // A membership holds organization permissions only, and no more than the actor holds here.
  const roles = membershipRoles(grantableBy(organization.actorPermissions, await listRoleOptions()));
  const members = formatCount(organization.memberCount, "member");
  const noInvitationMail = await invitationMailUnavailable();
  return (
    <div>
      <Link href="/admin/organizations" className="text-sm text-indigo-700 hover:underline">
        ← Organizations
      </Link>
      <PageHeader title={organization.name} description={`${organization.slug} · ${members}`} />
      <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="space-y-6">
          <MembersTable
            organization={organization}
            members={organization.members}
            remove={removeMember}
            changeEnd={changeMemberExpiry}
          />
          <InvitationsTable
            organization={organization}
            invitations={organization.invitations}
            revoke={revokeInvitation}
          />
        </div>
        <div className="space-y-6">
          <AddMemberForm action={addMember} organizationId={organization.id} roles={roles} />
          {noInvitationMail && (
            <p role="note" className="rounded-md bg-amber-50 p-3 text-sm text-amber-900">
              {noInvitationMail} Invitees can still accept from their home page, signed in under the address.
            </p>
          )}
          {organization.platformAdmin && (
            <>
              <RenameOrganizationForm action={renameOrganization} organization={organization} />
              <section
                aria-labelledby="delete-title"
                className="rounded-lg border border-red-200 bg-white p-5"
              >
                <h2 id="delete-title" className="font-semibold text-red-800">
                  Delete organization
                </h2>
                <p className="mt-2 text-sm text-slate-700">
                  {members} will lose it, and its data goes with it. The audit log keeps its history.
                </p>
                <ConfirmActionForm
                  action={deleteOrganization}
                  fields={{ organizationId: organization.id, members: organization.memberCount }}
                  label="Delete organization"
                  pendingLabel="Deleting…"
                  confirm={{
                    question: `Delete ${organization.name}? ${members} will lose it on their next request.`,
                    confirmLabel: "Yes, delete",
                  }}
                />
              </section>
            </>
          )}
        </div>
      </div>
    </div>
  );
}
