import type { Metadata } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Live Authz", template: "%s · Live Authz" },
  description: "Permission changes take effect on the user's next request.",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen">{children}</body>
    </html>
  );
}
