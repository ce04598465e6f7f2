import { claimsOf, type CurrentUser } from "@/lib/auth";
import { PermissionsSync } from "./permissions-sync";

type Props = { title: string; description?: string; user: CurrentUser; children?: React.ReactNode };

/**
 * Every signed-in page starts with this: the page title, optional actions,
 * and the hand-over of this render's claims to the client (see PermissionsSync).
 */
export async function PageHeader({ title, description, user, children }: Props) {
  return (
    <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
      <div>
        <h1 className="text-2xl font-semibold">{title}</h1>
        {description && <p className="mt-1 text-slate-600">{description}</p>}
      </div>
      {children && <div className="flex flex-wrap gap-2">{children}</div>}
      <PermissionsSync claims={await claimsOf(user)} />
    </div>
  );
}
