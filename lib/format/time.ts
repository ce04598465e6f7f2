// The app's one way to show an instant. Exact times are in UTC, so that the
// server and the browser render the same text and admins in different places
// read the same instant; relative times ("3 minutes ago") are what people
// scan, with the exact time one hover away (components/relative-time.tsx).

type Instant = Date | number | string;

const MINUTES = new Intl.DateTimeFormat("en-GB", {
  timeZone: "UTC",
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
});

const SECONDS = new Intl.DateTimeFormat("en-GB", {
  timeZone: "UTC",
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

/** "30 Nov 2026, 18:14 UTC", or with seconds "30 Nov 2026, 18:14:05 UTC" where order matters. */
export function formatInstant(at: Instant, { seconds = false }: { seconds?: boolean } = {}): string {
  return `${(seconds ? SECONDS : MINUTES).format(new Date(at))} UTC`;
}

const RELATIVE = new Intl.RelativeTimeFormat("en", { numeric: "auto" });

const UNITS: { unit: Intl.RelativeTimeFormatUnit; ms: number; below: number }[] = [
  { unit: "minute", ms: 60_000, below: 3_600_000 },
  { unit: "hour", ms: 3_600_000, below: 86_400_000 },
  { unit: "day", ms: 86_400_000, below: 30 * 86_400_000 },
];

/**
 * "3 minutes ago", "in 2 days"; under a minute "just now" (or "12 seconds ago"
 * with seconds); past 30 days the exact date, which a relative one would blur.
 * An instant less than a minute ahead reads "just now" too: it was written
 * moments ago by a database whose clock runs a little ahead of this one.
 */
export function formatRelative(at: Instant, now: number, { seconds = false } = {}): string {
  const diff = new Date(at).getTime() - now;
  const size = Math.abs(diff);
  if (size < 60_000) {
    if (!seconds || diff > -1_000) return "just now";
    return RELATIVE.format(Math.trunc(diff / 1_000), "second");
  }
  const unit = UNITS.find((u) => size < u.below);
  if (!unit) return formatInstant(at);
  return RELATIVE.format(Math.trunc(diff / unit.ms), unit.unit);
}
