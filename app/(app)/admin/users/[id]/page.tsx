import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { EffectivePermissions } from "@/components/admin/effective-permissions";
import { GrantRoleForm } from "@/components/admin/grant-role-form";
import { UserAccountPanel } from "@/components/admin/user-account-panel";
import { UserGrantsTable } from "@/components/admin/user-grants-table";
import { UserSessionsList } from "@/components/admin/user-sessions-list";
import { UserMemberships } from "@/components/admin/user-memberships";
import { PageHeader } from "@/components/page-header";
import { Can } from "@/components/claims-provider";
import {
  authorityRefusal,
  getUserDetail,
  grantableBy,
  listRoleOptions,
  listUserSessions,
  missingAuthority,
} from "@/lib/admin";
import { checkPermission } from "@/lib/auth";
import { requirePage } from "@/lib/page-guard";
import { parseRouteId } from "@/lib/validations/admin";
import {
  changeExpiry,
  endUserSession,
  grantRole,
  revokeRole,
  setUserDisabled,
  signOutUserEverywhere,
} from "../actions";

export const metadata: Metadata = { title: "User" };

type Props = { params: Promise<{ id: string }> };

export default async function UserDetailPage({ params }: Props) {
  const user = await requirePage("/admin/users/[id]");
  // A malformed id (control characters, too long) is a page that does not exist.
  const id = parseRouteId((await params).id);
  if (!id) notFound();
  const [detail, roles, sessions] = await Promise.all([
    getUserDetail(id),
    listRoleOptions(),
    listUserSessions(id),
  ]);
  if (!detail) notFound();

  const manage = checkPermission(user, "users.manage");
  const self = user.id === detail.id;
  // The server refuses these changes too (lib/admin/authority.ts); here they are not offered.
  const missing = missingAuthority(user.globalPermissions, detail.heldAnywhere);
  const outranked = manage && !self && missing.length > 0;
  const mayChange = manage && !self && !outranked;
  const held = new Set(detail.grants.map((g) => g.roleId));
  const grantable = grantableBy(user.globalPermissions, roles).filter((r) => !held.has(r.id));
  return (
    <div>
      <Link href="/admin/users" className="text-sm text-indigo-700 hover:underline">
        ← Users
      </Link>
      <PageHeader title={detail.name} description={detail.email}>
        {detail.disabledAt && (
          <span className="rounded-full bg-red-50 px-3 py-1 text-sm font-medium text-red-800">Disabled</span>
        )}
      </PageHeader>
      {self && manage && (
        <p className="mb-6 rounded-lg border border-sky-200 bg-sky-50 p-4 text-sm text-sky-900">
          This is your own account. Another administrator has to change your roles or disable it; you can
          still sign yourself out everywhere.
        </p>
      )}
      {outranked && (
        <p
          data-testid="authority-notice"
          className="mb-6 rounded-lg border border-amber-200 bg-amber-50 p-4 text-sm text-amber-950"
        >
          {authorityRefusal(detail.name, missing)}
        </p>
      )}
      <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="space-y-8">
          <section aria-labelledby="roles-title">
            <h2 id="roles-title" className="mb-3 font-semibold">
              Global roles
            </h2>
            <UserGrantsTable
              user={{ id: detail.id, name: detail.name, permissionsUpdatedAt: detail.permissionsUpdatedAt }}
              grants={detail.grants}
              linkRoles={checkPermission(user, "roles.manage")}
              actions={mayChange ? { revoke: revokeRole, changeExpiry } : null}
            />
            {mayChange && (
              <Can permission="users.manage">
                {grantable.length > 0 ? (
                  <GrantRoleForm
                    action={grantRole}
                    userId={detail.id}
                    permissionsUpdatedAt={detail.permissionsUpdatedAt}
                    roles={grantable}
                  />
                ) : (
                  <p className="mt-4 text-sm text-slate-600">No other role you may grant.</p>
                )}
              </Can>
            )}
          </section>
          <section aria-labelledby="memberships-title">
            <h2 id="memberships-title" className="mb-3 font-semibold">
              Organizations
            </h2>
            <UserMemberships memberships={detail.memberships} />
          </section>
          <section aria-labelledby="effective-title">
            <h2 id="effective-title" className="mb-3 font-semibold">
              Effective permissions
            </h2>
            {detail.effective.length === 0 && detail.effectiveByOrganization.length === 0 ? (
              <EffectivePermissions
                items={[]}
                label="Effective permissions"
                empty="No permissions: this user can sign in, and nothing more."
              />
            ) : (
              <div className="space-y-4">
                <h3 className="text-sm font-semibold text-slate-700">On the platform (global roles)</h3>
                <EffectivePermissions
                  items={detail.effective}
                  label="Effective permissions on the platform"
                  empty="None: no global role grants a permission."
                />
                {detail.effectiveByOrganization.map(({ organization, effective }) => (
                  <div key={organization.id} className="space-y-4">
                    <h3 className="text-sm font-semibold text-slate-700">In {organization.name}</h3>
                    <EffectivePermissions
                      items={effective}
                      label={`Effective permissions in ${organization.name}`}
                      empty={`None: no role grants a permission in ${organization.name}.`}
                      markGlobal
                    />
                  </div>
                ))}
              </div>
            )}
          </section>
          <section aria-labelledby="user-sessions-title">
            <h2 id="user-sessions-title" className="mb-3 font-semibold">
              Where {detail.name} is signed in
            </h2>
            <UserSessionsList
              userId={detail.id}
              sessions={sessions}
              endSession={mayChange || (self && manage) ? endUserSession : null}
            />
          </section>
        </div>
        <UserAccountPanel
          user={detail}
          actions={
            self && manage
              ? { setDisabled: null, signOutEverywhere: signOutUserEverywhere }
              : mayChange
                ? { setDisabled: setUserDisabled, signOutEverywhere: signOutUserEverywhere }
                : null
          }
        />
      </div>
    </div>
  );
}
