// While the database is unreachable every request fails the same way. Logging
// each one would flood the log, and spend CPU on it, exactly when the instance
// is busiest: one line per place every few seconds, with the count of the
// failures it stands for.

const INTERVAL_MS = 5_000;

type Entry = { loggedAt: number; unlogged: number };

const entries = new Map<string, Entry>();

/** Logs "<where> cannot check permissions: <reason>" at most once per interval per `where`. */
export function logUnavailable(
  where: string,
  error: unknown,
  { now = Date.now(), write = console.error }: { now?: number; write?: (line: string) => void } = {},
): void {
  const entry = entries.get(where);
  if (entry && now - entry.loggedAt < INTERVAL_MS) {
    entry.unlogged++;
    return;
  }
  const more = entry?.unlogged ? ` (and ${entry.unlogged} more like it since the last line)` : "";
  entries.set(where, { loggedAt: now, unlogged: 0 });
  write(`[${where}] cannot check permissions: ${oneLine(error)}${more}`);
}

/** Prisma's messages span several lines; a log line should not. */
function oneLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean)
    .join(" ");
}
