import type { UserMembership } from "@/lib/admin";
import { TagList } from "../tag-list";

/** A user's current memberships: the role in each organization and the permissions it counts there. */
export function UserMemberships({ memberships }: { memberships: UserMembership[] }) {
  if (memberships.length === 0) return <p className="text-sm text-slate-600">No organization.</p>;
  return (
    <ul className="space-y-2">
      {memberships.map((m) => (
        <li
          key={`${m.organization.id}:${m.roleName}`}
          className="rounded-lg border border-slate-200 bg-white p-3 text-sm"
        >
          <p>
            <span className="font-medium">{m.roleName}</span> in {m.organization.name}
            {m.expiresAt && (
              <span className="text-slate-600"> · until {m.expiresAt.toISOString().slice(0, 10)}</span>
            )}
          </p>
          <div className="mt-1">
            <TagList
              items={m.permissions}
              empty="No permissions"
              label={`Permissions in ${m.organization.name}`}
              kind="code"
            />
          </div>
        </li>
      ))}
    </ul>
  );
}
