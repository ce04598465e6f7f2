import Link from "next/link";

type Props = {
  title: string;
  children: React.ReactNode;
  /** More ways out beside the link home (a retry button). */
  actions?: React.ReactNode;
};

/** Not found, not working: said in the app's own look, always with a way back. */
export function StatusPage({ title, children, actions }: Props) {
  return (
    <section aria-labelledby="status-title" className="rounded-lg border border-slate-200 bg-white p-6">
      <h1 id="status-title" className="text-2xl font-semibold">
        {title}
      </h1>
      <div className="mt-2 text-slate-600">{children}</div>
      <div className="mt-4 flex flex-wrap items-center gap-4">
        {actions}
        <Link href="/" className="font-medium text-indigo-700 underline">
          Go to the home page
        </Link>
      </div>
    </section>
  );
}
