import { formatShortDate, formatTime } from "@/lib/admin/format";

type Grant = { name: string; expiresAt: Date | null; expired: boolean };
type Membership = { organization: { id: string; name: string }; roleName: string; expiresAt: Date | null };

/**
 * A user's roles at a glance: global roles, then each membership ("Editor in
 * Acme"); time-bound grants say until when, ended ones are struck through.
 */
export function GrantBadges({
  grants,
  memberships = [],
  label,
}: {
  grants: Grant[];
  memberships?: Membership[];
  label: string;
}) {
  if (grants.length === 0 && memberships.length === 0)
    return <span className="text-sm text-slate-600">No roles</span>;
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
          <Ends expiresAt={g.expiresAt} expired={g.expired} />
        </li>
      ))}
      {memberships.map((m) => (
        <li
          key={`${m.organization.id}:${m.roleName}`}
          title={m.expiresAt ? `Until ${formatTime(m.expiresAt)}` : undefined}
          className={`rounded-full px-2.5 py-0.5 text-xs font-medium ${
            m.expiresAt ? "bg-amber-100 text-amber-900" : "bg-teal-50 text-teal-900"
          }`}
        >
          {m.roleName} in {m.organization.name}
          <Ends expiresAt={m.expiresAt} expired={false} />
        </li>
      ))}
    </ul>
  );
}

function Ends({ expiresAt, expired }: { expiresAt: Date | null; expired: boolean }) {
  if (!expiresAt) return null;
  return (
    <>
      <span className="sr-only">{expired ? ", ended" : `, until ${formatTime(expiresAt)}`}</span>
      {!expired && <span aria-hidden="true"> · until {formatShortDate(expiresAt)}</span>}
    </>
  );
}
