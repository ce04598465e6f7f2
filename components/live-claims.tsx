"use client";

import { usePermissions } from "./permissions-provider";
import { RelativeTime } from "./relative-time";
import { TagList } from "./tag-list";

/** Who the user is and what they may do, as the browser knows it right now. */
export function LiveClaims({ email }: { email: string }) {
  const { roles, permissions, permissionsUpdatedAt } = usePermissions();
  return (
    <dl className="grid gap-4 rounded-lg border border-slate-200 bg-white p-6 sm:grid-cols-[12rem_1fr]">
      <dt className="font-medium text-slate-600">Email</dt>
      <dd data-testid="user-email">{email}</dd>
      <dt className="font-medium text-slate-600">Roles</dt>
      <dd>
        <TagList label="Roles" items={roles} empty="No roles" />
      </dd>
      <dt className="font-medium text-slate-600">Permissions</dt>
      <dd>
        <TagList label="Permissions" items={permissions} empty="No permissions" />
      </dd>
      <dt className="font-medium text-slate-600">Last permission change</dt>
      <dd>
        <span data-testid="permissions-updated-at">
          <RelativeTime at={permissionsUpdatedAt} />
        </span>
      </dd>
    </dl>
  );
}
