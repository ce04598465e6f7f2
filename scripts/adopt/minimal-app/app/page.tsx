import Link from "next/link";

export default function Home() {
  return (
    <main>
      <h1>Live claims, minimal</h1>
      <p>
        <Link href="/api/auth/signin">Sign in</Link>, then open <Link href="/reports">Reports</Link>.
      </p>
    </main>
  );
}
