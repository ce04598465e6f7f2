type Props = {
  items: readonly string[];
  empty: string;
  label: string;
  /** "name": a role, in the same badge as the admin tables; "code": a permission, as the code names it. */
  kind: "name" | "code";
};

const BADGE = {
  name: "px-2.5 py-0.5 text-xs font-medium",
  code: "px-2.5 py-0.5 font-mono text-xs",
};

export function TagList({ items, empty, label, kind }: Props) {
  if (items.length === 0) return <p className="text-sm text-slate-600">{empty}</p>;
  return (
    <ul aria-label={label} className="flex flex-wrap gap-1.5">
      {items.map((item) => (
        <li key={item} className={`rounded-full bg-indigo-50 text-indigo-800 ${BADGE[kind]}`}>
          {item}
        </li>
      ))}
    </ul>
  );
}
