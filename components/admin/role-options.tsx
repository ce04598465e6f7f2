/** One option per role, valued by id; the select adds its own empty choice before them. */
export function RoleOptions({ roles }: { roles: { id: string; name: string }[] }) {
  return (
    <>
      {roles.map((r) => (
        <option key={r.id} value={r.id}>
          {r.name}
        </option>
      ))}
    </>
  );
}
