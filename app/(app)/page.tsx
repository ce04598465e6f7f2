import { TagList } from "@/components/tag-list";
import { requireUser } from "@/lib/auth/dal";

export default async function HomePage() {
  const user = await requireUser("/");
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Signed in as {user.name}</h1>
      <dl className="grid gap-4 rounded-lg border border-slate-200 bg-white p-6 sm:grid-cols-[10rem_1fr]">
        <dt className="font-medium text-slate-600">Email</dt>
        <dd data-testid="user-email">{user.email}</dd>
        <dt className="font-medium text-slate-600">Roles</dt>
        <dd>
          <TagList label="Roles" items={user.roles} empty="No roles" />
        </dd>
        <dt className="font-medium text-slate-600">Permissions</dt>
        <dd>
          <TagList label="Permissions" items={user.permissions} empty="No permissions" />
        </dd>
        <dt className="font-medium text-slate-600">Last permission change</dt>
        <dd>
          <time dateTime={new Date(user.permissionsUpdatedAt).toISOString()}>
            {new Date(user.permissionsUpdatedAt).toISOString()}
          </time>
        </dd>
      </dl>
    </div>
  );
}
