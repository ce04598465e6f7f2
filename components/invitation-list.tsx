import type { ProtectedAction } from "@/lib/actions";
import type { OpenInvitation } from "@/lib/admin";
import { ConfirmActionForm } from "./confirm-action-form";

type Props = { invitations: OpenInvitation[]; accept: ProtectedAction };

/** The invitations waiting for the signed-in user; accepting one adds the membership, live. */
export function InvitationList({ invitations, accept }: Props) {
  if (invitations.length === 0) return null;
  return (
    <section aria-labelledby="invitations-title" className="rounded-lg border border-indigo-200 bg-white p-6">
      <h2 id="invitations-title" className="font-semibold">
        Invitations
      </h2>
      <ul className="mt-3 space-y-3">
        {invitations.map((invitation) => (
          <li key={invitation.id} className="flex flex-wrap items-center justify-between gap-3">
            <span className="text-sm">
              Join <strong>{invitation.organization}</strong> as {invitation.role}
            </span>
            <ConfirmActionForm
              action={accept}
              fields={{ invitationId: invitation.id }}
              label={`Accept (${invitation.organization})`}
              pendingLabel="Joining…"
            />
          </li>
        ))}
      </ul>
    </section>
  );
}
