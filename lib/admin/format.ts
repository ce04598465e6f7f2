// Display helpers shared by the admin pages and the messages of admin
// actions. Instants read the same everywhere: lib/format.
import { formatInstant } from "@/lib/format";

export function formatTime(at: Date | number | string): string {
  return formatInstant(at);
}

/** " until 30 Nov 2026, 10:00 UTC", or "" for a grant with no end. */
export function describeEnd(expiresAt: Date | null): string {
  return expiresAt ? ` until ${formatTime(expiresAt)}` : "";
}

const numbers = new Intl.NumberFormat("en-US");

export function formatCount(count: number, one: string, many = `${one}s`): string {
  return `${numbers.format(count)} ${count === 1 ? one : many}`;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** One audit value as text: lists joined, instants in UTC, nothing as "none". */
function formatAuditValue(value: unknown): string {
  if (value === null || value === undefined) return "none";
  if (Array.isArray(value)) return value.length ? value.map(formatAuditValue).join(", ") : "none";
  if (typeof value === "string") return ISO_INSTANT.test(value) ? formatTime(value) : value;
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

export type AuditChange = { field: string; before: string | null; after: string | null };

/**
 * The fields of an audit entry's before/after JSON, side by side, changed
 * fields first. A field present on one side only shows as null on the other.
 */
export function describeAuditChange(before: unknown, after: unknown): AuditChange[] {
  const b = asRecord(before);
  const a = asRecord(after);
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  const rows = fields.map((field) => ({
    field,
    before: field in b ? formatAuditValue(b[field]) : null,
    after: field in a ? formatAuditValue(a[field]) : null,
  }));
  return [...rows.filter((r) => r.before !== r.after), ...rows.filter((r) => r.before === r.after)];
}

function asRecord(value: unknown): Record<string, unknown> {
  return value && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

const SHORT_DATE = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", day: "numeric", month: "short" });

/** "30 Nov": enough for a badge; the full time goes to screen readers and titles. */
export function formatShortDate(at: Date | number): string {
  return SHORT_DATE.format(new Date(at));
}
