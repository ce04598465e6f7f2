import Link from "next/link";

type Props = {
  path: string;
  /** The current filters, kept on every page link. */
  query: Record<string, string | undefined>;
  before: string | null;
  after: string | null;
  labels?: { before: string; after: string };
};

const LINK = "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-100";
const OFF = "rounded-md border border-slate-200 px-3 py-1.5 text-sm text-slate-500";

/** Previous / next links over a keyset-paged list; the cursors come from the data layer. */
export function Pager({ path, query, before, after, labels = { before: "Previous", after: "Next" } }: Props) {
  if (!before && !after) return null;
  const href = (cursor: { before?: string; after?: string }) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries({ ...query, ...cursor })) if (value) params.set(key, value);
    return `${path}?${params}`;
  };
  return (
    <nav aria-label="Pages" className="mt-4 flex justify-between gap-2">
      {before ? (
        <Link href={href({ before })} className={LINK}>
          ← {labels.before}
        </Link>
      ) : (
        <span className={OFF} aria-disabled="true">
          ← {labels.before}
        </span>
      )}
      {after ? (
        <Link href={href({ after })} className={LINK}>
          {labels.after} →
        </Link>
      ) : (
        <span className={OFF} aria-disabled="true">
          {labels.after} →
        </span>
      )}
    </nav>
  );
}
