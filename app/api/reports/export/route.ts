import { withUser } from "@/lib/sessions";
import { listReports } from "@/lib/tenancy";

export const dynamic = "force-dynamic";

const csvCell = (value: string | number) => `"${String(value).replaceAll('"', '""')}"`;

export const GET = withUser(
  async (_req, user) => {
    const { reports } = await listReports(user);
    const lines = [
      ["Report", "Period", "Revenue"],
      ...reports.map((r) => [r.title, r.period, r.revenue]),
    ].map((row) => row.map(csvCell).join(","));
    return new Response(lines.join("\r\n") + "\r\n", {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": 'attachment; filename="reports.csv"',
        "Cache-Control": "no-store",
      },
    });
  },
  { permission: "reports.export" },
);
