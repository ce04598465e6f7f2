"use client";

import { useOptimistic, useState, useTransition } from "react";
import type { ProtectedAction } from "@/lib/actions";
import { type ActionState, IDLE } from "@/lib/actions/state";
import { ScrollRegion } from "./scroll-region";

type Props = {
  action: ProtectedAction;
  roles: { id: string; name: string }[];
  areas: { area: string; permissions: { name: string; description: string }[] }[];
  /** Role id → the permissions it holds now, as the server rendered them. */
  granted: Record<string, string[]>;
  caption: string;
};

const cell = (roleId: string, permission: string) => `${roleId} ${permission}`;

/**
 * Roles × the permission catalogue, editable in place. A click shows its
 * result at once (optimistically) and sends the state it wants; the server's
 * answer re-renders the matrix, and a refusal puts the box back.
 */
export function PermissionMatrix({ action, roles, areas, granted, caption }: Props) {
  const [result, setResult] = useState<ActionState>(IDLE);
  const [saving, startTransition] = useTransition();
  const server = new Set(Object.entries(granted).flatMap(([roleId, ps]) => ps.map((p) => cell(roleId, p))));
  const [shown, show] = useOptimistic(server, (current, change: { key: string; on: boolean }) => {
    const next = new Set(current);
    if (change.on) next.add(change.key);
    else next.delete(change.key);
    return next;
  });

  function toggle(roleId: string, permission: string, on: boolean) {
    const data = new FormData();
    data.set("roleId", roleId);
    data.set("permission", permission);
    data.set("state", on ? "grant" : "revoke");
    startTransition(async () => {
      show({ key: cell(roleId, permission), on });
      setResult(await action(IDLE, data));
    });
  }

  return (
    <div className="space-y-2">
      <ScrollRegion label={caption}>
        <table className="w-full text-sm" aria-busy={saving || undefined}>
          <caption className="sr-only">{caption}</caption>
          <thead className="bg-slate-50">
            <tr>
              <th scope="col" className="px-4 py-2 text-left font-semibold text-slate-700">
                Permission
              </th>
              {roles.map((r) => (
                <th key={r.id} scope="col" className="px-3 py-2 text-center font-semibold whitespace-nowrap">
                  {r.name}
                </th>
              ))}
            </tr>
          </thead>
          {areas.map(({ area, permissions }) => (
            <tbody key={area} className="border-t border-slate-200">
              <tr>
                <th
                  scope="rowgroup"
                  colSpan={roles.length + 1}
                  className="bg-slate-100 px-4 py-1.5 text-left text-xs font-semibold tracking-wide text-slate-700 uppercase"
                >
                  {area}
                </th>
              </tr>
              {permissions.map((p) => (
                <tr key={p.name} className="border-t border-slate-100 hover:bg-slate-50">
                  <th scope="row" className="px-4 py-2 text-left font-normal">
                    <code className="font-mono">{p.name}</code>
                    <span className="block text-xs text-slate-600">{p.description}</span>
                  </th>
                  {roles.map((r) => {
                    const key = cell(r.id, p.name);
                    return (
                      <td key={r.id} className="px-3 py-2 text-center">
                        <input
                          type="checkbox"
                          aria-label={`${r.name}: ${p.name}`}
                          checked={shown.has(key)}
                          onChange={(event) => toggle(r.id, p.name, event.currentTarget.checked)}
                          className="size-4 accent-indigo-600"
                        />
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          ))}
        </table>
      </ScrollRegion>
      <p
        role="status"
        aria-live="polite"
        className={`min-h-5 text-sm ${saving ? "text-slate-600" : result.status === "error" ? "text-red-700" : "text-emerald-700"}`}
      >
        {saving ? "Saving…" : result.message}
      </p>
    </div>
  );
}
