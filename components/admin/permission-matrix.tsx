"use client";

import { useOptimistic, useRef, useState, useTransition } from "react";
import type { ProtectedAction } from "@/lib/actions";
import { type ActionState, IDLE } from "@/lib/actions/state";
import { useIsLatestMessage } from "../latest-message";
import { ScrollRegion } from "./scroll-region";
import { useOverflowsSideways } from "./use-overflows-sideways";

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
 * answer re-renders the matrix, and a refusal puts the box back. The box that
 * changed says how its save went, right beside it; the full sentence is
 * announced, and shown under the matrix when the save failed.
 */
export function PermissionMatrix({ action, roles, areas, granted, caption }: Props) {
  const [result, setResult] = useState<ActionState>(IDLE);
  const [lastKey, setLastKey] = useState<string | null>(null);
  const [saving, startTransition] = useTransition();
  const latest = useIsLatestMessage(result);
  const region = useRef<HTMLDivElement>(null);
  const overflows = useOverflowsSideways(region);
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
    setLastKey(cell(roleId, permission));
    startTransition(async () => {
      show({ key: cell(roleId, permission), on });
      setResult(await action(IDLE, data));
    });
  }

  return (
    <div className="space-y-2">
      {overflows && (
        <p className="text-xs text-slate-600" data-testid="matrix-scroll-hint">
          Scroll sideways to see every role →
        </p>
      )}
      <ScrollRegion label={caption} ref={region}>
        <table className="w-full text-sm" aria-busy={saving || undefined}>
          <caption className="sr-only">{caption}</caption>
          <thead className="bg-slate-50">
            <tr>
              <th
                scope="col"
                className="sticky left-0 bg-slate-50 px-4 py-2 text-left font-semibold text-slate-700"
              >
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
                  {/* Stays in view while the roles scroll sideways on a narrow screen. */}
                  <th scope="row" className="sticky left-0 bg-white px-4 py-2 text-left font-normal">
                    <code className="font-mono">{p.name}</code>
                    <span className="block text-xs text-slate-600">{p.description}</span>
                  </th>
                  {roles.map((r) => {
                    const key = cell(r.id, p.name);
                    return (
                      <td key={r.id} className="relative px-4 py-2 text-center">
                        <input
                          type="checkbox"
                          aria-label={`${r.name}: ${p.name}`}
                          checked={shown.has(key)}
                          onChange={(event) => toggle(r.id, p.name, event.currentTarget.checked)}
                          className="size-4 accent-indigo-600"
                        />
                        {key === lastKey && <SaveMark saving={saving} result={result} />}
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
        className={`text-sm text-red-700 ${result.status === "error" && !saving ? "" : "sr-only"}`}
      >
        {saving ? "Saving…" : latest ? result.message : null}
      </p>
    </div>
  );
}

/** Beside the box that changed, without moving the layout: saving, saved, or not saved (hover for why). */
function SaveMark({ saving, result }: { saving: boolean; result: ActionState }) {
  const [mark, tone, title] = saving
    ? ["…", "text-slate-600", "Saving…"]
    : result.status === "error"
      ? ["✕", "text-red-700", result.message ?? "Not saved"]
      : ["✓", "text-emerald-700", result.message ?? "Saved"];
  return (
    <span
      aria-hidden="true"
      title={title}
      data-testid="matrix-save-mark"
      className={`absolute top-1/2 left-[calc(50%+0.75rem)] -translate-y-1/2 text-xs font-bold ${tone}`}
    >
      {mark}
    </span>
  );
}
