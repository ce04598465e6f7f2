import { decode as nextAuthDecode, encode as nextAuthEncode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { TokenCodec } from "@/lib/auth/token-codec";

const SECRET = "unit-test-secret-that-is-long-enough-to-use";
const MAX_AGE = 30 * 24 * 3600;
const claims = { sub: "u1", roles: ["Editor"], perms: "Aw", permsAt: 1, name: "U", email: "u@example.test" };

describe("TokenCodec", () => {
  it("reads tokens next-auth wrote, and next-auth reads the tokens it writes", async () => {
    const codec = new TokenCodec(SECRET);
    const fromNextAuth = await nextAuthEncode({ token: claims, secret: SECRET, maxAge: MAX_AGE });
    expect(await codec.decode(fromNextAuth)).toMatchObject(claims);
    const ours = await codec.encode(claims, MAX_AGE);
    const read = await nextAuthDecode({ token: ours, secret: SECRET });
    expect(read).toMatchObject(claims);
    expect(read?.exp).toBe((read?.iat as number) + MAX_AGE);
    expect(typeof read?.jti).toBe("string");
  });

  it("remembers a decoded cookie value and answers it again without decrypting", async () => {
    const codec = new TokenCodec(SECRET);
    const value = await nextAuthEncode({ token: claims, secret: SECRET, maxAge: MAX_AGE });
    const first = await codec.decode(value);
    expect(codec.size).toBe(1);
    const second = await codec.decode(value);
    expect(second).toEqual(first);
    expect(second).not.toBe(first); // a copy: callers cannot change what is remembered
  });

  it("still refuses a remembered token once it has expired", async () => {
    const codec = new TokenCodec(SECRET);
    const now = Date.now();
    const value = await codec.encode(claims, 60, now);
    expect(await codec.decode(value, now + 30_000)).not.toBeNull();
    // next-auth allows 15 s of clock tolerance; so does the memo.
    expect(await codec.decode(value, now + 74_000)).not.toBeNull();
    expect(await codec.decode(value, now + 76_000)).toBeNull();
    expect(codec.size).toBe(0);
  });

  it("refuses tampered tokens, other secrets and garbage, and remembers none of them", async () => {
    const codec = new TokenCodec(SECRET);
    const value = await new TokenCodec(SECRET).encode(claims, MAX_AGE);
    const parts = value.split(".");
    const flipped = parts[3]!.startsWith("A") ? `B${parts[3]!.slice(1)}` : `A${parts[3]!.slice(1)}`;
    const tampered = [...parts.slice(0, 3), flipped, parts[4]].join(".");
    expect(await codec.decode(tampered)).toBeNull();
    expect(await new TokenCodec(`${SECRET}-other`).decode(value)).toBeNull();
    expect(await codec.decode("not.a.token")).toBeNull();
    expect(await codec.decode(undefined)).toBeNull();
    expect(codec.size).toBe(0);
  });

  it("a tampered copy of a remembered cookie is still refused", async () => {
    const codec = new TokenCodec(SECRET);
    const value = await codec.encode(claims, MAX_AGE);
    expect(await codec.decode(value)).not.toBeNull();
    expect(await codec.decode(value.slice(0, -2) + (value.endsWith("AA") ? "BB" : "AA"))).toBeNull();
  });

  it("without memoization it decrypts every time and remembers nothing", async () => {
    const codec = new TokenCodec(SECRET, { memoize: false });
    const value = await codec.encode(claims, MAX_AGE);
    expect(await codec.decode(value)).toMatchObject(claims);
    expect(codec.size).toBe(0);
  });

  it("stays bounded", async () => {
    const codec = new TokenCodec(SECRET, { memoize: true, maxEntries: 3 });
    for (let i = 0; i < 5; i++) await codec.encode({ ...claims, sub: `u${i}` }, MAX_AGE);
    expect(codec.size).toBe(3);
  });
});
