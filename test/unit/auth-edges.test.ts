// Edges the larger tests do not pin down: which tokens count as ours, the
// codec's clock tolerance and memo, the stamp cache's bound, one codec per
// secret, the catalogue fingerprint, and the refusal error.
import { createHash } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { SessionRefusedError } from "@/lib/sign-in/next-auth";
import { codecFor } from "@/lib/auth/session-cookie";
import { StampCache } from "@/lib/auth/stamp-cache";
import { isAuthToken } from "@/lib/auth/token";
import { TokenCodec } from "@/lib/auth/token-codec";
import { catalogueFingerprint } from "@/lib/permissions/pack";

const SECRET = "unit-test-secret-that-is-long-enough-to-use";

describe("isAuthToken", () => {
  const complete = { sub: "u1", authAt: 1, permsAt: 2, perms: "", cat: "c" };

  it("needs every claim, each of its type", () => {
    expect(isAuthToken(complete)).toBe(true);
    expect(isAuthToken(null)).toBe(false);
    expect(isAuthToken(undefined)).toBe(false);
    for (const [key, wrong] of [
      ["sub", 1],
      ["authAt", "1"],
      ["permsAt", "2"],
      ["perms", 0],
      ["cat", null],
    ] as const) {
      expect(isAuthToken({ ...complete, [key]: wrong }), `${key} of the wrong type`).toBe(false);
      const without: Record<string, unknown> = { ...complete };
      delete without[key];
      expect(isAuthToken(without), `${key} missing`).toBe(false);
    }
  });
});

describe("TokenCodec edges", () => {
  it("a remembered token is still good exactly at expiry plus the tolerance, and gone just after", async () => {
    const codec = new TokenCodec(SECRET);
    const now = 1_800_000_000_000;
    const value = await codec.encode({ sub: "u1" }, 60, now);
    const exp = Math.floor(now / 1000) + 60;
    expect(await codec.decode(value, (exp + 15) * 1000)).not.toBeNull();
    expect(await codec.decode(value, (exp + 15) * 1000 + 1)).toBeNull();
  });

  it("decrypting allows next-auth's 15 s of clock tolerance too", async () => {
    const writer = new TokenCodec(SECRET);
    const value = await writer.encode({ sub: "u1" }, 1, Date.now() - 10_000); // expired 9 s ago
    expect(await new TokenCodec(SECRET, { memoize: false }).decode(value)).toMatchObject({ sub: "u1" });
    const older = await writer.encode({ sub: "u1" }, 1, Date.now() - 30_000); // 29 s ago
    expect(await new TokenCodec(SECRET, { memoize: false }).decode(older)).toBeNull();
  });

  it("a remembered cookie is answered without decrypting again", async () => {
    const reader = new TokenCodec(SECRET);
    const value = await new TokenCodec(SECRET).encode({ sub: "u1" }, 60);
    await reader.decode(value);
    // A copy whose key derivation would fail if asked: the memo must answer.
    const key = vi.spyOn(reader as unknown as { derivedKey(): Promise<Uint8Array> }, "derivedKey");
    expect(await reader.decode(value)).toMatchObject({ sub: "u1" });
    expect(key).not.toHaveBeenCalled();
  });

  it("the memo holds up to its bound, dropping the oldest first", async () => {
    const codec = new TokenCodec(SECRET, { memoize: true, maxEntries: 2 });
    const a = await codec.encode({ sub: "a" }, 60);
    const b = await codec.encode({ sub: "b" }, 60);
    expect(codec.size).toBe(2);
    await codec.encode({ sub: "c" }, 60);
    expect(codec.size).toBe(2);
    const key = vi.spyOn(codec as unknown as { derivedKey(): Promise<Uint8Array> }, "derivedKey");
    await codec.decode(b);
    expect(key).not.toHaveBeenCalled(); // b is still remembered
    await codec.decode(a);
    expect(key).toHaveBeenCalled(); // a was the oldest, and went
  });

  it("a payload without an expiry is never remembered", async () => {
    const codec = new TokenCodec(SECRET);
    (codec as unknown as { remember(v: string, p: object): void }).remember("value", { sub: "x" });
    expect(codec.size).toBe(0);
  });
});

describe("StampCache bound", () => {
  it("keeps every entry below its bound (only the oldest goes when full)", async () => {
    const read = vi.fn(async (id: string) => id.length);
    const cache = new StampCache({ read }, 3);
    cache.goLive();
    for (const id of ["a", "bb", "ccc"]) await cache.read(id);
    for (const id of ["a", "bb", "ccc"]) await cache.read(id);
    expect(read).toHaveBeenCalledTimes(3);
    expect(cache.stats()).toMatchObject({ hits: 3, misses: 3, size: 3 });
    await cache.read("dddd");
    await cache.read("bb");
    expect(read).toHaveBeenCalledTimes(4);
    await cache.read("a");
    expect(read).toHaveBeenCalledTimes(5);
  });

  it("a read that overlapped an invalidation is answered but not kept", async () => {
    let finish: (n: number) => void = () => {};
    const cache = new StampCache({ read: () => new Promise<number>((resolve) => (finish = resolve)) });
    cache.goLive();
    for (const invalidate of [() => cache.invalidate(["u"]), () => cache.invalidateAll()]) {
      const pending = cache.read("u");
      invalidate();
      finish(7);
      expect(await pending).toBe(7);
      expect(cache.stats().size).toBe(0);
    }
  });
});

describe("one codec per secret, a fingerprint per catalogue, a named refusal", () => {
  it("codecFor gives the same codec for the same secret, another for another, remembering by default", async () => {
    expect(codecFor(SECRET)).toBe(codecFor(SECRET));
    const other = codecFor(`${SECRET}-other`);
    expect(codecFor(SECRET)).not.toBe(other);
    await other.encode({ sub: "u1" }, 60);
    expect(other.size, "AUTH_TOKEN_MEMO defaults to true").toBe(1);
  });

  it("the fingerprint is the first 8 characters of the catalogue's SHA-256, base64url", () => {
    const expected = createHash("sha256").update("a.read\nb.write").digest("base64url").slice(0, 8);
    expect(catalogueFingerprint(["a.read", "b.write"])).toBe(expected);
  });

  it("SessionRefusedError names itself and its reason", () => {
    const error = new SessionRefusedError("user is disabled");
    expect(error).toMatchObject({ name: "SessionRefusedError", reason: "user is disabled" });
    expect(error.message).toBe("session refused: user is disabled");
  });
});
