import Link from "next/link";
import type { AuditFilter } from "@/lib/admin";
import { FilterButton, FilterInput, RoleFilter } from "./filter-controls";

type Props = { filters: AuditFilter[]; roles: { id: string; name: string }[] };

const NAMES = { user: "User", actor: "Actor", role: "Role" } as const;

/** Filters travel as ids in the query string; people can type an email instead, and see labels. */
export function AuditFilters({ filters, roles }: Props) {
  const current = (param: AuditFilter["param"]) => filters.find((f) => f.param === param);
  const role = current("role");
  const roleOptions =
    role && !roles.some((r) => r.id === role.id) ? [...roles, { id: role.id, name: role.label }] : roles;
  const without = (param: string) => {
    const params = new URLSearchParams();
    for (const f of filters) if (f.param !== param) params.set(f.param, f.id);
    return `/admin/audit${params.size ? `?${params}` : ""}`;
  };
  return (
    <div className="mb-4 space-y-3">
      <form
        // Following a filter link starts the form from the URL's filters, not the old ones typed.
        key={filters.map((f) => `${f.param}=${f.id}`).join("&")}
        role="search"
        aria-label="Filter the audit log"
        action="/admin/audit"
        className="flex flex-wrap items-end gap-3"
      >
        <FilterInput
          id="audit-user"
          name="user"
          label="User concerned (email)"
          defaultValue={current("user")?.label.split(" ")[0]}
        />
        <FilterInput
          id="audit-actor"
          name="actor"
          label="Changed by (email)"
          defaultValue={current("actor")?.label.split(" ")[0]}
        />
        <RoleFilter
          id="audit-role"
          label="Role concerned"
          roles={roleOptions}
          defaultValue={role?.id ?? ""}
        />
        <FilterButton>Filter</FilterButton>
      </form>
      {filters.length > 0 && (
        <ul aria-label="Active filters" className="flex flex-wrap gap-2">
          {filters.map((f) => (
            <li
              key={f.param}
              className="flex items-center gap-1 rounded-full bg-indigo-50 py-0.5 pr-1 pl-3 text-sm text-indigo-900"
            >
              {NAMES[f.param]}: {f.label}
              <Link
                href={without(f.param)}
                aria-label={`Remove the ${NAMES[f.param].toLowerCase()} filter`}
                className="rounded-full px-1.5 hover:bg-indigo-100"
              >
                ×
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
