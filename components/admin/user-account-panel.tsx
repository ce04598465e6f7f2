import Link from "next/link";
import type { ProtectedAction } from "@/lib/actions";
import type { UserDetail } from "@/lib/admin";
import { ConfirmActionForm } from "../confirm-action-form";
import { RelativeTime } from "../relative-time";

type Props = {
  user: UserDetail;
  /**
   * Null without users.manage, or when the user holds a permission the viewer lacks.
   * Disabling is left out on one's own account.
   */
  actions: { setDisabled: ProtectedAction | null; signOutEverywhere: ProtectedAction } | null;
};

export function UserAccountPanel({ user, actions }: Props) {
  // What an edit of this user carries: refused once their access has changed since this render.
  const edit = { userId: user.id, permissionsUpdatedAt: user.permissionsUpdatedAt };
  return (
    <section
      aria-labelledby="account-title"
      className="space-y-4 rounded-lg border border-slate-200 bg-white p-5"
    >
      <h2 id="account-title" className="font-semibold">
        Account
      </h2>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
        <dt className="text-slate-600">Status</dt>
        <dd>
          {user.disabledAt ? (
            <>
              Disabled since <RelativeTime at={user.disabledAt} />
            </>
          ) : (
            "Active"
          )}
        </dd>
        <dt className="text-slate-600">Created</dt>
        <dd>
          <RelativeTime at={user.createdAt} />
        </dd>
        <dt className="text-slate-600">Last permission change</dt>
        <dd>
          <span data-testid="user-permissions-updated-at">
            <RelativeTime at={user.permissionsUpdatedAt} />
          </span>
        </dd>
        <dt className="text-slate-600">Signed out everywhere</dt>
        <dd>{user.sessionsRevokedAt ? <RelativeTime at={user.sessionsRevokedAt} /> : "Never"}</dd>
      </dl>
      <Link
        href={`/admin/audit?user=${user.id}`}
        className="inline-block text-sm text-indigo-700 hover:underline"
      >
        Audit log for this user
      </Link>
      {actions && (
        <div className="space-y-3 border-t border-slate-200 pt-4">
          {actions.setDisabled &&
            (user.disabledAt ? (
              <ConfirmActionForm
                action={actions.setDisabled}
                fields={{ ...edit, disabled: "false" }}
                label="Enable account"
                pendingLabel="Enabling…"
              />
            ) : (
              <ConfirmActionForm
                action={actions.setDisabled}
                fields={{ ...edit, disabled: "true" }}
                label="Disable account"
                pendingLabel="Disabling…"
                confirm={{
                  question: `Disable ${user.name}? Their sessions end on their next request.`,
                  confirmLabel: "Yes, disable",
                }}
              />
            ))}
          <ConfirmActionForm
            action={actions.signOutEverywhere}
            fields={{ userId: user.id }}
            label="Sign out everywhere"
            pendingLabel="Signing out…"
            confirm={{
              question: `End every session of ${user.name}?`,
              confirmLabel: "Yes, sign out everywhere",
            }}
          />
        </div>
      )}
    </section>
  );
}
