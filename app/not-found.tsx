import Link from "next/link";

// Replaces Next's default 404, whose inline styles the Content-Security-Policy blocks.
export default function NotFound() {
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center gap-4 px-4">
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <p className="text-slate-600">There is nothing at this address.</p>
      <Link href="/" className="font-medium text-indigo-700 underline">
        Go to the home page
      </Link>
    </main>
  );
}
