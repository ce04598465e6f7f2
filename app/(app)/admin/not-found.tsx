import Link from "next/link";
import { StatusPage } from "@/components/status-page";

// An unknown user or role id: said under the admin sections, so the way on is in view.
export default function AdminNotFound() {
  return (
    <StatusPage title="Page not found">
      <p>
        Nothing here: the user or role may have been deleted, or the link is wrong. Find it again from{" "}
        <Link href="/admin/users" className="text-indigo-700 underline">
          Users
        </Link>{" "}
        or{" "}
        <Link href="/admin/roles" className="text-indigo-700 underline">
          Roles
        </Link>
        .
      </p>
    </StatusPage>
  );
}
