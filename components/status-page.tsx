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

type FailedProps = {
  error: Error & { digest?: string };
  reset: () => void;
  /** What the person may do about it, in a sentence. */
  advice: string;
};

/** A page that failed to render (the error boundaries): a retry and the reference the logs carry. */
export function FailedPage({ error, reset, advice }: FailedProps) {
  return (
    <StatusPage
      title="Something went wrong"
      actions={
        <button
          type="button"
          onClick={reset}
          className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-700"
        >
          Try again
        </button>
      }
    >
      <p>This page could not be shown. {advice}</p>
      {error.digest && <p className="mt-2 text-sm">Reference for the logs: {error.digest}</p>}
    </StatusPage>
  );
}
