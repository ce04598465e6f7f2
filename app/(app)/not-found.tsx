import Link from "next/link";

// notFound() from a signed-in page (an unknown id): said inside the shell.
export default function NotFound() {
  return (
    <section aria-labelledby="not-found-title" className="space-y-3">
      <h1 id="not-found-title" className="text-2xl font-semibold">
        Page not found
      </h1>
      <p className="text-slate-600">This page could not be found.</p>
      <Link href="/" className="font-medium text-indigo-700 underline">
        Go to the home page
      </Link>
    </section>
  );
}
