// The server configurations `npm run bench` compares. Each one is a separate
// `next start` with these variables on top of the common ones (database,
// secret, URL), so comparing another setting is one more line here.
import { FRESHNESS_MODES, type FreshnessMode } from "@/lib/env";

export type BenchConfiguration = {
  name: string;
  env: Record<string, string>;
  /** How the load authenticates: the session cookie (default), or a bearer access token (POST /api/tokens). */
  credential?: "cookie" | "bearer";
};

export const CONFIGURATIONS: readonly BenchConfiguration[] = [
  { name: "off", env: { AUTH_FRESHNESS: "off" } },
  { name: "reauth", env: { AUTH_FRESHNESS: "reauth" } },
  { name: "lazy", env: { AUTH_FRESHNESS: "lazy" } },
  { name: "short", env: { AUTH_FRESHNESS: "short" } },
  { name: "strict", env: { AUTH_FRESHNESS: "strict" } },
  { name: "cached, next-auth decode", env: { AUTH_FRESHNESS: "cached", AUTH_TOKEN_MEMO: "false" } },
  { name: "cached", env: { AUTH_FRESHNESS: "cached" } },
  // An hour-long access token, so no request of the run meets an expired one.
  {
    name: "bearer",
    env: { AUTH_FRESHNESS: "cached", AUTH_ACCESS_TOKEN_SECONDS: "3600" },
    credential: "bearer",
  },
];

/** Ratios are relative to next-auth's default: claims frozen at sign-in. */
export const BASELINE = "off";

/** The freshness mode a configuration's server runs in (lib/env.ts defaults to "cached"). */
export function modeOf(configuration: BenchConfiguration): FreshnessMode {
  const value = configuration.env.AUTH_FRESHNESS ?? "cached";
  const mode = FRESHNESS_MODES.find((m) => m === value);
  if (!mode) throw new Error(`Configuration "${configuration.name}": unknown AUTH_FRESHNESS "${value}"`);
  return mode;
}

/** Whether the configuration's server remembers decoded cookies (lib/env.ts defaults to yes). */
export function tokenMemoOf(configuration: BenchConfiguration): boolean {
  return configuration.env.AUTH_TOKEN_MEMO !== "false";
}

/** `--only cached,strict`: those configurations, in the order of the list above. */
export function selectConfigurations(only: readonly string[] | null): BenchConfiguration[] {
  if (!only) return [...CONFIGURATIONS];
  const unknown = only.filter((name) => !CONFIGURATIONS.some((c) => c.name === name));
  if (unknown.length > 0) {
    const known = CONFIGURATIONS.map((c) => c.name).join(", ");
    throw new Error(`Unknown configuration(s) ${unknown.join(", ")}; known: ${known}`);
  }
  return CONFIGURATIONS.filter((c) => only.includes(c.name));
}
