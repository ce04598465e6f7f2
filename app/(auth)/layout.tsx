/** The frame of every page a visitor opens (sign-in, sign-up, a reset or invitation link): one narrow column. */
export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <main className="mx-auto flex min-h-screen max-w-sm flex-col justify-center px-4 py-8">
      <p className="font-semibold text-indigo-700">Live Authz</p>
      {children}
    </main>
  );
}
