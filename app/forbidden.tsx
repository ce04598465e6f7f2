import Link from "next/link";

// For forbidden() outside the signed-in shell (app/(app)/forbidden.tsx covers
// the pages inside it); replaces Next's default, whose inline styles the
// Content-Security-Policy blocks.
export default function Forbidden() {
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center gap-4 px-4">
      <h1 className="text-2xl font-semibold">Not allowed</h1>
      <p className="text-slate-600">You do not hold the permission this page needs.</p>
      <Link href="/" className="font-medium text-indigo-700 underline">
        Go to the home page
      </Link>
    </main>
  );
}
