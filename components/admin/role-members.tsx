import Link from "next/link";
import { describeEnd, formatCount } from "@/lib/admin/format";
import type { RoleDetail } from "@/lib/admin";

/** The first members by email; the users page, filtered by this role, lists them all. */
export function RoleMembers({ role }: { role: RoleDetail }) {
  return (
    <section aria-labelledby="members-title" className="rounded-lg border border-slate-200 bg-white p-5">
      <h2 id="members-title" className="font-semibold">
        Members{" "}
        <span className="font-normal text-slate-600">({formatCount(role.memberCount, "member")})</span>
      </h2>
      {role.members.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">
          Nobody has this role yet. Grant it from a user&apos;s page.
        </p>
      ) : (
        <ul className="mt-3 space-y-2 text-sm">
          {role.members.map((m) => (
            <li key={m.id}>
              <Link href={`/admin/users/${m.id}`} className="font-medium text-indigo-700 hover:underline">
                {m.name}
              </Link>
              <span className="block text-slate-600">
                {m.email}
                {m.expiresAt && <span className="text-amber-900">{describeEnd(m.expiresAt)}</span>}
              </span>
            </li>
          ))}
        </ul>
      )}
      {role.memberCount > role.members.length && (
        <Link
          href={`/admin/users?role=${role.id}`}
          className="mt-3 inline-block text-sm text-indigo-700 hover:underline"
        >
          All {formatCount(role.memberCount, "member")}
        </Link>
      )}
    </section>
  );
}
