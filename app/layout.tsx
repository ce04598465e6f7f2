import type { Metadata } from "next";
import { connection } from "next/server";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Live Authz", template: "%s · Live Authz" },
  description: "Permission changes take effect on the user's next request.",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page renders per request, the not-found page included: Next can only
  // mark its scripts with the request's CSP nonce at render time, and a page
  // prerendered at build time would carry scripts the policy blocks.
  await connection();
  return (
    <html lang="en">
      <body className="min-h-screen">{children}</body>
    </html>
  );
}
