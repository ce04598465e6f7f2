import type { Metadata } from "next";
import { AuditFilters } from "@/components/admin/audit-filters";
import { AuditTable } from "@/components/admin/audit-table";
import { Pager } from "@/components/admin/pager";
import { PageHeader } from "@/components/page-header";
import { listAuditEvents, listRoleOptions } from "@/lib/admin";
import { requirePage } from "@/lib/page-guard";
import { auditQuerySchema } from "@/lib/validations/admin";

export const metadata: Metadata = { title: "Audit log" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AuditPage({ searchParams }: Props) {
  await requirePage("/admin/audit");
  const query = auditQuerySchema.parse(await searchParams);
  const [page, roles] = await Promise.all([listAuditEvents(query), listRoleOptions()]);
  const kept = Object.fromEntries(page.filters.map((f) => [f.param, f.id]));
  return (
    <div>
      <PageHeader
        title="Audit log"
        description="Every change to users, roles, grants and permissions, and every sign-in limit reached, newest first."
      />
      <AuditFilters filters={page.filters} roles={roles} />
      {page.rows.length > 0 ? (
        <AuditTable rows={page.rows} />
      ) : (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center font-medium">
          {page.filters.length ? "No changes match these filters." : "No changes yet."}
        </p>
      )}
      <Pager
        path="/admin/audit"
        query={kept}
        before={page.before}
        after={page.after}
        labels={{ before: "Newer", after: "Older" }}
      />
    </div>
  );
}
