import Link from "next/link";
import { FilterButton, FilterInput, RoleFilter } from "./filter-controls";

type Props = { q?: string; role?: string; roles: { id: string; name: string }[] };

/** A plain GET form: the search lives in the URL, so it can be shared, reloaded and paged. */
export function UserSearchForm({ q, role, roles }: Props) {
  return (
    <form
      // A new search (a link to the plain list included) starts from the URL's values, not the old ones typed.
      key={`${q ?? ""}\n${role ?? ""}`}
      role="search"
      action="/admin/users"
      className="mb-4 flex flex-wrap items-end gap-3"
    >
      <FilterInput id="users-q" name="q" label="Search by email or name" type="search" defaultValue={q} />
      <RoleFilter id="users-role" label="Role" roles={roles} defaultValue={role ?? ""} />
      <FilterButton>Search</FilterButton>
      {(q || role) && (
        <Link href="/admin/users" className="px-2 py-2 text-sm font-medium text-indigo-700 hover:underline">
          Clear
        </Link>
      )}
    </form>
  );
}
