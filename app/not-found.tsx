import { StatusPage } from "@/components/status-page";

// Replaces Next's default 404, whose inline styles the Content-Security-Policy blocks.
export default function NotFound() {
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center px-4">
      <StatusPage title="Page not found">
        <p>There is nothing at this address.</p>
      </StatusPage>
    </main>
  );
}
