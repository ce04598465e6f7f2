import { EncryptJWT, jwtDecrypt } from "jose";
import { decode as nextAuthDecode, encode as nextAuthEncode } from "next-auth/jwt";
import { describe, expect, it, vi } from "vitest";
import { DECRYPT_OPTIONS, deriveKey, TokenCodec } from "@/lib/auth/token-codec";

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

describe("TokenCodec refuses what the app never issues", () => {
  const payload = { ...claims, exp: Math.floor(Date.now() / 1000) + 3600 };

  /** A forgery that a decoder accepting any algorithm would take: encrypted with the app's own key. */
  async function forge(alg: string, enc: string): Promise<string> {
    const key = await deriveKey(SECRET);
    return new EncryptJWT(payload).setProtectedHeader({ alg, enc }).encrypt(key);
  }

  it("refuses a password-based (PBES2) token before using any key", async () => {
    const forged = await forge("PBES2-HS256+A128KW", "A256GCM");
    // Without the allow-list it decrypts: jose runs PBKDF2 with the key as the password.
    expect((await jwtDecrypt(forged, await deriveKey(SECRET))).payload).toMatchObject(claims);

    expect(await new TokenCodec(SECRET).decode(forged)).toBeNull();
    // Cheaply: refused from the header alone, the key is never even asked for.
    const key = vi.fn(async () => deriveKey(SECRET));
    await expect(jwtDecrypt(forged, key, DECRYPT_OPTIONS)).rejects.toMatchObject({
      code: "ERR_JOSE_ALG_NOT_ALLOWED",
    });
    expect(key).not.toHaveBeenCalled();
  });

  it("refuses another content encryption with the right key", async () => {
    const forged = await forge("dir", "A128CBC-HS256"); // 32-byte key: jose would accept it
    expect((await jwtDecrypt(forged, await deriveKey(SECRET))).payload).toMatchObject(claims);
    expect(await new TokenCodec(SECRET).decode(forged)).toBeNull();
    const key = vi.fn(async () => deriveKey(SECRET));
    await expect(jwtDecrypt(forged, key, DECRYPT_OPTIONS)).rejects.toMatchObject({
      code: "ERR_JOSE_ALG_NOT_ALLOWED",
    });
    expect(key).not.toHaveBeenCalled();
  });

  it("still accepts its own tokens under the same options", async () => {
    const value = await new TokenCodec(SECRET).encode(claims, MAX_AGE);
    const { payload: read, protectedHeader } = await jwtDecrypt(
      value,
      await deriveKey(SECRET),
      DECRYPT_OPTIONS,
    );
    expect(protectedHeader).toEqual({ alg: "dir", enc: "A256GCM" });
    expect(read).toMatchObject(claims);
  });
});
