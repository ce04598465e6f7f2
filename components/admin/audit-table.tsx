import Link from "next/link";
import type { AuditRow } from "@/lib/admin";
import { RelativeTime } from "../relative-time";
import { DataTable, TD } from "./data-table";

const ACTIONS: Record<string, string> = {
  "user.created": "User created",
  "user.role.granted": "Role granted",
  "user.role.revoked": "Role removed",
  "user.role.expiry_changed": "Grant end changed",
  "user.disabled": "User disabled",
  "user.enabled": "User enabled",
  "user.sessions.revoked": "Signed out everywhere",
  "user.password.changed": "Password changed",
  "user.signed_up": "Signed up through a provider",
  "user.account.linked": "Sign-in provider linked",
  "role.created": "Role created",
  "role.updated": "Role renamed or described",
  "role.deleted": "Role deleted",
  "role.permission.granted": "Permission added to role",
  "role.permission.revoked": "Permission removed from role",
  "sign-in.limited.account": "Sign-in limit reached (account)",
  "sign-in.limited.address": "Sign-in limit reached (address)",
};

const FILTER = "text-indigo-700 hover:underline";

export function AuditTable({ rows }: { rows: AuditRow[] }) {
  return (
    <DataTable
      label="Audit log"
      minWidth="min-w-[52rem]"
      columns={["When", "Changed by", "What", "Concerning", "Before → after"]}
      rows={rows}
    >
      {(e) => (
        <tr key={e.id}>
          <td data-label="When" className={`${TD} whitespace-nowrap text-slate-700`}>
            <RelativeTime at={e.at} seconds />
          </td>
          <td data-label="Changed by" className={TD}>
            {e.actorId ? (
              <Link
                href={`/admin/audit?actor=${e.actorId}`}
                className={FILTER}
                title="Only changes by this person"
              >
                {e.actorEmail ?? e.actorId}
              </Link>
            ) : (
              <span className="text-slate-600">System</span>
            )}
          </td>
          <th scope="row" className={`${TD} text-left font-medium`}>
            {ACTIONS[e.action] ?? e.action}
            <code className="block font-mono text-xs font-normal text-slate-600">{e.action}</code>
          </th>
          <td data-label="Concerning" className={TD}>
            <Concerning entry={e} />
            <span className="block text-xs text-slate-600">{e.targetType}</span>
          </td>
          <td data-label="Before → after" className={`${TD} break-words`}>
            <ul className="space-y-1">
              {e.changes.map((c) => (
                <li key={c.field}>
                  <span className="font-medium">{c.field}:</span>{" "}
                  {c.before !== null && c.before !== c.after && (
                    <>
                      <del className="text-red-800">{c.before}</del> →{" "}
                    </>
                  )}
                  {c.after === null ? (
                    <span className="text-slate-600">(removed)</span>
                  ) : (
                    <ins className="text-emerald-800 no-underline">{c.after}</ins>
                  )}
                </li>
              ))}
            </ul>
          </td>
        </tr>
      )}
    </DataTable>
  );
}

/**
 * A user or role links to the entries concerning it. A sign-in limit concerns
 * an account (an email that may belong to no user: linked only when it does)
 * or a client address, which has no filter.
 */
function Concerning({ entry: e }: { entry: AuditRow }) {
  const filter =
    e.targetType === "role"
      ? `role=${e.targetId}`
      : e.targetType === "user"
        ? `user=${e.targetId}`
        : e.targetType === "account" && e.userId
          ? `user=${e.userId}`
          : null;
  if (!filter) return <span className="break-all">{e.targetLabel}</span>;
  return (
    <Link
      href={`/admin/audit?${filter}`}
      className={FILTER}
      title={`Only changes concerning this ${e.targetType === "role" ? "role" : "user"}`}
    >
      {e.targetLabel}
    </Link>
  );
}
