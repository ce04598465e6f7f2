import { formatShortDate, formatTime } from "@/lib/admin/format";

type Grant = { name: string; expiresAt: Date | null; expired: boolean };

/** A user's roles at a glance: time-bound grants say until when, ended ones are struck through. */
export function GrantBadges({ grants, label }: { grants: Grant[]; label: string }) {
  if (grants.length === 0) return <span className="text-sm text-slate-600">No roles</span>;
  return (
    <ul aria-label={label} className="flex flex-wrap gap-1.5">
      {grants.map((g) => (
        <li
          key={g.name}
          title={g.expiresAt ? `${g.expired ? "Ended" : "Until"} ${formatTime(g.expiresAt)}` : undefined}
          className={`rounded-full px-2.5 py-0.5 text-xs font-medium ${
            g.expired
              ? "bg-slate-100 text-slate-600 line-through"
              : g.expiresAt
                ? "bg-amber-100 text-amber-900"
                : "bg-indigo-50 text-indigo-800"
          }`}
        >
          {g.name}
          {g.expiresAt && (
            <span className="sr-only">{g.expired ? ", ended" : `, until ${formatTime(g.expiresAt)}`}</span>
          )}
          {g.expiresAt && !g.expired && (
            <span aria-hidden="true"> · until {formatShortDate(g.expiresAt)}</span>
          )}
        </li>
      ))}
    </ul>
  );
}
