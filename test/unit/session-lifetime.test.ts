import { afterEach, describe, expect, it, vi } from "vitest";
import {
  cookieMaxAgeSeconds,
  decodeSessionToken,
  encodeSessionToken,
  lifetimeOver,
  SESSION_MAX_AGE_SECONDS,
  sessionEndsAt,
  tokenMaxAgeSeconds,
} from "@/lib/auth/session-cookie";
import { DEFAULT_SESSION_LIFETIME_SECONDS, parseEnv } from "@/lib/env";
import type { AuthToken } from "@/lib/auth/token";

const SECRET = "unit-test-secret-that-is-long-enough-to-use";
const DAY = 24 * 3600;
const NOW = 1_800_000_000_000;
const LIFETIME = DEFAULT_SESSION_LIFETIME_SECONDS;

function tokenSignedIn(authAt: number): AuthToken {
  return { sub: "u1", authAt, perms: "Aw", cat: "c", permsAt: authAt, grantExp: null };
}

afterEach(() => vi.useRealTimers());

describe("absolute session lifetime", () => {
  it("is 30 days unless configured, and the configuration is validated", () => {
    expect(parseEnv({}).sessionLifetimeSeconds).toBe(30 * DAY);
    expect(parseEnv({ AUTH_SESSION_LIFETIME_SECONDS: "3600" }).sessionLifetimeSeconds).toBe(3600);
    expect(() => parseEnv({ AUTH_SESSION_LIFETIME_SECONDS: "soon" })).toThrow(
      /AUTH_SESSION_LIFETIME_SECONDS/,
    );
    expect(() => parseEnv({ AUTH_SESSION_LIFETIME_SECONDS: "10" })).toThrow(/at least 60/);
    expect(() => parseEnv({ AUTH_SESSION_LIFETIME_SECONDS: "1.5" })).toThrow(/whole number/);
  });

  it("ends exactly `lifetime` after sign-in", () => {
    expect(sessionEndsAt(NOW, LIFETIME)).toBe(NOW + LIFETIME * 1000);
    expect(lifetimeOver(NOW, NOW + LIFETIME * 1000 - 1, LIFETIME)).toBe(false);
    expect(lifetimeOver(NOW, NOW + LIFETIME * 1000, LIFETIME)).toBe(true);
  });

  it("cuts a re-issued cookie's max age to the time left, never more than the rolling max age", () => {
    expect(cookieMaxAgeSeconds(NOW, NOW, LIFETIME)).toBe(Math.min(SESSION_MAX_AGE_SECONDS, LIFETIME));
    expect(cookieMaxAgeSeconds(NOW, NOW + 29 * DAY * 1000, LIFETIME)).toBe(DAY);
    expect(cookieMaxAgeSeconds(NOW, NOW + 29 * DAY * 1000 + 500, LIFETIME)).toBe(DAY - 1); // rounded down
    expect(cookieMaxAgeSeconds(NOW, NOW + 40 * DAY * 1000, LIFETIME)).toBe(0);
    // A lifetime longer than the rolling max age: the rolling max age applies until the end nears.
    expect(cookieMaxAgeSeconds(NOW, NOW + DAY * 1000, 90 * DAY)).toBe(SESSION_MAX_AGE_SECONDS);
    expect(cookieMaxAgeSeconds(NOW, NOW + 80 * DAY * 1000, 90 * DAY)).toBe(10 * DAY);
  });

  it("a token re-issued late in the session expires with the session, not 30 days later", async () => {
    const authAt = NOW - 29 * DAY * 1000;
    expect(tokenMaxAgeSeconds(tokenSignedIn(authAt), NOW)).toBe(DAY);
    const { value, maxAge } = await encodeSessionToken(tokenSignedIn(authAt), SECRET, NOW);
    expect(maxAge).toBe(DAY);
    vi.useFakeTimers({ now: NOW + DAY * 1000 - 60_000 });
    const read = await decodeSessionToken(value, SECRET);
    expect(read?.exp).toBe(Math.floor(NOW / 1000) + DAY);
    // Past the end (and next-auth's 15 s clock tolerance), the token itself is refused.
    vi.setSystemTime(NOW + DAY * 1000 + 16_000);
    expect(await decodeSessionToken(value, SECRET)).toBeNull();
  });

  it("a token older than the lifetime gets a max age of 0", async () => {
    const { maxAge } = await encodeSessionToken(tokenSignedIn(NOW - 31 * DAY * 1000), SECRET, NOW);
    expect(maxAge).toBe(0);
  });
});
