import "server-only";

export type Report = { id: string; title: string; period: string; revenue: number };

// Demo content: the point of the page is who may see it, not what it says.
const REPORTS: Report[] = [
  { id: "q1", title: "Quarterly revenue", period: "2026 Q1", revenue: 184_200 },
  { id: "q2", title: "Quarterly revenue", period: "2026 Q2", revenue: 201_950 },
  { id: "q3", title: "Quarterly revenue", period: "2026 Q3", revenue: 223_400 },
];

export function listReports(): Report[] {
  return REPORTS;
}
