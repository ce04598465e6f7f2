import { StatusPage } from "@/components/status-page";

// notFound() from a signed-in page (an unknown id): said inside the shell.
export default function NotFound() {
  return (
    <StatusPage title="Page not found">
      <p>This page could not be found. It may have been deleted, or the link is wrong.</p>
    </StatusPage>
  );
}
