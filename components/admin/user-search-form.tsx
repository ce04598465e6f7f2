import Link from "next/link";

type Props = { q?: string; role?: string; roles: { id: string; name: string }[] };

const CONTROL = "mt-1 block h-10 w-full rounded-md border border-slate-300 bg-white px-3 text-sm shadow-sm";

/** A plain GET form: the search lives in the URL, so it can be shared, reloaded and paged. */
export function UserSearchForm({ q, role, roles }: Props) {
  return (
    <form role="search" action="/admin/users" className="mb-4 flex flex-wrap items-end gap-3">
      <div className="min-w-48 flex-1">
        <label htmlFor="users-q" className="block text-sm font-medium text-slate-700">
          Search by email or name
        </label>
        <input id="users-q" name="q" type="search" defaultValue={q} className={CONTROL} />
      </div>
      <div className="w-44">
        <label htmlFor="users-role" className="block text-sm font-medium text-slate-700">
          Role
        </label>
        <select id="users-role" name="role" defaultValue={role ?? ""} className={CONTROL}>
          <option value="">Any role</option>
          {roles.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}
            </option>
          ))}
        </select>
      </div>
      <button
        type="submit"
        className="h-10 rounded-md bg-indigo-600 px-4 text-sm font-medium text-white hover:bg-indigo-700"
      >
        Search
      </button>
      {(q || role) && (
        <Link href="/admin/users" className="px-2 py-2 text-sm font-medium text-indigo-700 hover:underline">
          Clear
        </Link>
      )}
    </form>
  );
}
