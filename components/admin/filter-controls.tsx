// The pieces of the admin list filters: plain GET forms whose state lives in
// the URL, so a filtered list can be shared, reloaded and paged.
import { RoleOptions } from "./role-options";

const LABEL = "block text-sm font-medium text-slate-700";
const CONTROL = "mt-1 block h-10 w-full rounded-md border border-slate-300 bg-white px-3 text-sm shadow-sm";

type InputProps = { id: string; name: string; label: string; type?: "search"; defaultValue?: string };

export function FilterInput({ id, name, label, type, defaultValue }: InputProps) {
  return (
    <div className="min-w-48 flex-1">
      <label htmlFor={id} className={LABEL}>
        {label}
      </label>
      <input id={id} name={name} type={type} defaultValue={defaultValue} className={CONTROL} />
    </div>
  );
}

type RoleProps = { id: string; label: string; roles: { id: string; name: string }[]; defaultValue: string };

/** Narrows the list to one role (the `role` parameter); the empty choice means any role. */
export function RoleFilter({ id, label, roles, defaultValue }: RoleProps) {
  return (
    <div className="w-44">
      <label htmlFor={id} className={LABEL}>
        {label}
      </label>
      <select id={id} name="role" defaultValue={defaultValue} className={CONTROL}>
        <option value="">Any role</option>
        <RoleOptions roles={roles} />
      </select>
    </div>
  );
}

export function FilterButton({ children }: { children: React.ReactNode }) {
  return (
    <button
      type="submit"
      className="h-10 rounded-md bg-indigo-600 px-4 text-sm font-medium text-white hover:bg-indigo-700"
    >
      {children}
    </button>
  );
}
