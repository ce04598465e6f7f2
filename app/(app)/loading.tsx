// While a signed-in page renders on the server: the shell stays, and this says so.
export default function Loading() {
  return (
    <div role="status" aria-live="polite" className="space-y-4">
      <p className="sr-only">Loading…</p>
      <div
        aria-hidden="true"
        className="h-8 w-56 animate-pulse rounded bg-slate-200 motion-reduce:animate-none"
      />
      <div
        aria-hidden="true"
        className="h-40 animate-pulse rounded-lg bg-slate-200 motion-reduce:animate-none"
      />
    </div>
  );
}
