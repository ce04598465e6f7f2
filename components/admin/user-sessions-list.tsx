import type { ProtectedAction } from "@/lib/actions";
import type { UserSession } from "@/lib/admin";
import { ConfirmActionForm } from "../confirm-action-form";
import { describeAddress, describeUserAgent } from "@/lib/format";
import { RelativeTime } from "../relative-time";

function device(session: UserSession): string {
  const agent = describeUserAgent(session.userAgent);
  return session.kind === "token" ? `Token client (${agent})` : agent;
}

type Props = { userId: string; sessions: UserSession[]; endSession: ProtectedAction | null };

/** Where the user is signed in; with the right to change the user, each session can be ended. */
export function UserSessionsList({ userId, sessions, endSession }: Props) {
  if (sessions.length === 0) return <p className="text-sm text-slate-600">Not signed in anywhere.</p>;
  return (
    <ul
      aria-label="Sessions"
      className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white"
    >
      {sessions.map((session) => (
        <li key={session.id} className="flex items-center justify-between gap-4 px-4 py-2 text-sm">
          <div className="min-w-0">
            <p className="truncate font-medium" title={session.userAgent ?? undefined}>
              {device(session)}
            </p>
            <p className="text-slate-600">
              Signed in <RelativeTime at={session.createdAt} /> · last seen{" "}
              <RelativeTime at={session.lastSeenAt} />
              {session.clientAddress ? ` · from ${describeAddress(session.clientAddress)}` : ""}
            </p>
          </div>
          {endSession && (
            <ConfirmActionForm
              action={endSession}
              fields={{ userId, sessionId: session.id }}
              label="End session"
              pendingLabel="Ending…"
              confirm={{ question: "End this session?", confirmLabel: "Yes, end it" }}
            />
          )}
        </li>
      ))}
    </ul>
  );
}
