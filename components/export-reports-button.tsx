"use client";

import { useState, useTransition } from "react";
import { appFetch } from "@/lib/client/app-fetch";

/** Downloads the reports as CSV. Shown only with reports.export; the server checks again. */
export function ExportReportsButton() {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);

  const download = () =>
    startTransition(async () => {
      setError(null);
      const response = await appFetch("/api/reports/export");
      if (!response.ok) {
        const body = (await response.json().catch(() => null)) as { error?: string } | null;
        setError(body?.error ?? "The export failed.");
        return;
      }
      const url = URL.createObjectURL(await response.blob());
      const link = Object.assign(document.createElement("a"), { href: url, download: "reports.csv" });
      link.click();
      URL.revokeObjectURL(url);
    });

  return (
    <div className="flex items-center gap-2">
      <button
        type="button"
        onClick={download}
        disabled={pending}
        className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-100 disabled:opacity-60"
      >
        {pending ? "Exporting…" : "Export CSV"}
      </button>
      <p role="status" aria-live="polite" className="text-sm text-red-700">
        {error}
      </p>
    </div>
  );
}
