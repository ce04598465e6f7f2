import type { Metadata } from "next";
import Link from "next/link";
import { CreateUserForm } from "@/components/admin/create-user-form";
import { Pager } from "@/components/admin/pager";
import { UserSearchForm } from "@/components/admin/user-search-form";
import { UsersTable } from "@/components/admin/users-table";
import { PageHeader } from "@/components/page-header";
import { Can } from "@/components/claims-provider";
import { formatCount } from "@/lib/admin/format";
import { grantableBy, listRoleOptions, listUsers } from "@/lib/admin";
import { checkPermission } from "@/lib/auth";
import { requirePage } from "@/lib/page-guard";
import { userListQuerySchema } from "@/lib/validations/admin";
import { createUser } from "./actions";

export const metadata: Metadata = { title: "Users" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function UsersPage({ searchParams }: Props) {
  const user = await requirePage("/admin/users");
  const query = userListQuerySchema.parse(await searchParams);
  const [page, roles] = await Promise.all([listUsers(query), listRoleOptions()]);
  const filtered = !!(query.q || query.role);
  return (
    <div>
      <PageHeader
        title="Users"
        description={`${formatCount(page.total, "user")}${filtered ? " match" + (page.total === 1 ? "es" : "") : ""}`}
      />
      <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <section aria-label="User list">
          <UserSearchForm q={query.q} role={query.role} roles={roles} />
          {page.rows.length > 0 ? (
            <UsersTable rows={page.rows} />
          ) : (
            <div className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center">
              <p className="font-medium">{filtered ? "No users match this search." : "No users yet."}</p>
              {filtered && (
                <Link
                  href="/admin/users"
                  className="mt-2 inline-block text-sm text-indigo-700 hover:underline"
                >
                  Show all users
                </Link>
              )}
            </div>
          )}
          <Pager
            path="/admin/users"
            query={{ q: query.q, role: query.role }}
            before={page.before}
            after={page.after}
          />
        </section>
        {checkPermission(user, "users.manage") && (
          <Can permission="users.manage">
            <CreateUserForm action={createUser} roles={grantableBy(user.globalPermissions, roles)} />
          </Can>
        )}
      </div>
    </div>
  );
}
