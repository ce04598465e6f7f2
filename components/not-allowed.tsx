export function NotAllowed({ permission }: { permission: string }) {
  return (
    <section
      role="alert"
      aria-labelledby="not-allowed-title"
      className="rounded-lg border border-amber-300 bg-amber-50 p-6"
    >
      <h2 id="not-allowed-title" className="text-lg font-semibold text-amber-900">
        Not allowed
      </h2>
      <p className="mt-1 text-amber-900">
        You need the <code className="font-mono">{permission}</code> permission to see this page. Ask an
        administrator to grant it; it takes effect on your next request, without signing in again.
      </p>
    </section>
  );
}
