/**
 * Errors that belong to no visible field (a stale id, permission stamp or version), shown under
 * the form message. Always rendered, so screen readers hear what appears in it.
 */
export function StrayErrors({ errors }: { errors: string[] }) {
  return (
    <ul aria-live="polite" className="text-sm text-red-700 empty:hidden">
      {errors.map((e) => (
        <li key={e}>{e}</li>
      ))}
    </ul>
  );
}
