"use client";

import { useClaims } from "./claims-provider";
import { RelativeTime } from "./relative-time";
import { TagList } from "./tag-list";

/** Who the user is and what they may do, as the browser knows it right now. */
export function LiveClaims({ email }: { email: string }) {
  const { roles, permissions, permissionsUpdatedAt } = useClaims();
  return (
    <dl className="grid gap-x-4 gap-y-1 rounded-lg border border-slate-200 bg-white p-5 sm:grid-cols-[12rem_1fr] sm:gap-y-4 sm:p-6">
      <dt className="text-sm font-medium text-slate-600 sm:text-base">Email</dt>
      <dd data-testid="user-email">{email}</dd>
      <dt className="mt-3 text-sm font-medium text-slate-600 sm:mt-0 sm:text-base">Roles</dt>
      <dd>
        <TagList label="Roles" items={roles} empty="No roles" kind="name" />
      </dd>
      <dt className="mt-3 text-sm font-medium text-slate-600 sm:mt-0 sm:text-base">Permissions</dt>
      <dd>
        <TagList label="Permissions" items={permissions} empty="No permissions" kind="code" />
      </dd>
      <dt className="mt-3 text-sm font-medium text-slate-600 sm:mt-0 sm:text-base">Last permission change</dt>
      <dd>
        <span data-testid="permissions-updated-at">
          <RelativeTime at={permissionsUpdatedAt} />
        </span>
      </dd>
    </dl>
  );
}
