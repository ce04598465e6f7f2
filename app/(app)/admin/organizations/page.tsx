import type { Metadata } from "next";
import { CreateOrganizationForm } from "@/components/admin/organizations/organization-forms";
import { OrganizationsTable } from "@/components/admin/organizations/organizations-table";
import { PageHeader } from "@/components/page-header";
import { listOrganizations } from "@/lib/admin";
import { checkPermission } from "@/lib/auth";
import { requirePage } from "@/lib/page-guard";
import { organizationsQuerySchema } from "@/lib/validations/admin";
import { createOrganization } from "./actions";

export const metadata: Metadata = { title: "Organizations" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function OrganizationsPage({ searchParams }: Props) {
  const user = await requirePage("/admin/organizations");
  const { deleted } = organizationsQuerySchema.parse(await searchParams);
  const organizations = await listOrganizations(user);
  return (
    <div>
      <PageHeader
        title="Organizations"
        description="Each organization's members hold roles within it; its data is read only by its members. Platform admins see every organization, organization admins their own."
      />
      {deleted && (
        <p
          role="status"
          className="mb-4 rounded-lg border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-900"
        >
          The organization was deleted, with its memberships and its data.
        </p>
      )}
      <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <OrganizationsTable organizations={organizations} />
        {checkPermission(user, "users.manage") && <CreateOrganizationForm action={createOrganization} />}
      </div>
    </div>
  );
}
