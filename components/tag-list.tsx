export function TagList({ items, empty, label }: { items: readonly string[]; empty: string; label: string }) {
  if (items.length === 0) return <p className="text-sm text-slate-500">{empty}</p>;
  return (
    <ul aria-label={label} className="flex flex-wrap gap-2">
      {items.map((item) => (
        <li key={item} className="rounded-full bg-indigo-50 px-3 py-1 font-mono text-sm text-indigo-800">
          {item}
        </li>
      ))}
    </ul>
  );
}
