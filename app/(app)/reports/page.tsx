import type { Metadata } from "next";
import { ExportReportsButton } from "@/components/export-reports-button";
import { PageHeader } from "@/components/page-header";
import { Can } from "@/components/claims-provider";
import { requirePage } from "@/lib/page-guard";
import { listReports, type ReportRow } from "@/lib/tenancy";

export const metadata: Metadata = { title: "Reports" };

const money = new Intl.NumberFormat("en-US", {
  style: "currency",
  currency: "USD",
  maximumFractionDigits: 0,
});

export default async function ReportsPage() {
  const user = await requirePage("/reports");
  const { reports } = await listReports(user);
  const organization = user.organization;
  return (
    <div>
      <PageHeader title="Reports">
        {/* Nothing to export, no Export button. */}
        {reports.length > 0 && (
          <Can permission="reports.export">
            <ExportReportsButton />
          </Can>
        )}
      </PageHeader>
      <p className="mb-4 text-sm text-slate-600" data-testid="reports-organization">
        {organization ? (
          <>
            Organization: <strong className="text-slate-900">{organization.name}</strong>
          </>
        ) : (
          "No active organization: you belong to none, so there are no reports to show."
        )}
      </p>
      <ReportsTable
        reports={reports}
        empty={organization ? `${organization.name} has no reports yet.` : null}
      />
    </div>
  );
}

/** With no rows, one row says so (`empty`, or the line above the table already did). */
function ReportsTable({ reports, empty }: { reports: ReportRow[]; empty: string | null }) {
  return (
    <table className="w-full overflow-hidden rounded-lg border border-slate-200 bg-white text-left">
      <thead className="bg-slate-100 text-sm text-slate-600">
        <tr>
          <th scope="col" className="px-4 py-2">
            Report
          </th>
          <th scope="col" className="px-4 py-2">
            Period
          </th>
          <th scope="col" className="px-4 py-2 text-right">
            Revenue
          </th>
        </tr>
      </thead>
      <tbody>
        {reports.length === 0 && (
          <tr className="border-t border-slate-200">
            <td colSpan={3} className="px-4 py-6 text-center text-sm text-slate-600">
              {empty ?? "No reports to show."}
            </td>
          </tr>
        )}
        {reports.map((r) => (
          <tr key={r.id} className="border-t border-slate-200">
            <td className="px-4 py-2">{r.title}</td>
            <td className="px-4 py-2">{r.period}</td>
            <td className="px-4 py-2 text-right tabular-nums">{money.format(r.revenue)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
