import Link from "next/link";
import { InvitationList } from "@/components/invitation-list";
import { PageHeader } from "@/components/page-header";
import { LiveClaims } from "@/components/live-claims";
import { openInvitationsFor } from "@/lib/admin";
import { requirePage } from "@/lib/page-guard";
import { acceptInvitation } from "./actions";

export default async function HomePage() {
  const user = await requirePage("/");
  const invitations = await openInvitationsFor(user);
  return (
    <div className="space-y-8">
      <PageHeader title={`Signed in as ${user.name}`}>
        <Link
          href="/profile"
          className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-100"
        >
          Profile, password and sessions
        </Link>
      </PageHeader>
      <LiveClaims email={user.email} />
      <InvitationList invitations={invitations} accept={acceptInvitation} />
    </div>
  );
}
