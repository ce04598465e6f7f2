// The access-token signing key when AUTH_TOKEN_PRIVATE_KEY is not set: the
// first instance generates a pair and stores it, every other reads the same
// one (so each verifies the others' tokens), and the stored private half is
// useless without NEXTAUTH_SECRET.
import { jwtVerify, SignJWT } from "jose";
import { afterAll, beforeAll, expect, it } from "vitest";
import { generatePrivateJwk, storedSigningKey } from "@/lib/sessions/signing-keys";
import { createMigratedDatabase, describeOnBackends, type TestDatabase } from "../support/databases";

const SECRET = "a-test-secret-that-is-long-enough-for-hkdf";

await describeOnBackends("token signing key", (backend) => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createMigratedDatabase(backend);
  });
  afterAll(async () => {
    await db?.dispose();
  });

  it("two instances starting at once share one stored key: a token one signs, the other verifies", async () => {
    const [a, b] = await Promise.all([
      storedSigningKey(db.prisma, SECRET),
      storedSigningKey(db.prisma, SECRET),
    ]);
    expect(a.kid).toBe(b.kid);
    expect(await db.prisma.tokenSigningKey.count()).toBe(1);
    const token = await new SignJWT({ sub: "u" }).setProtectedHeader({ alg: "EdDSA" }).sign(a.privateKey);
    expect((await jwtVerify(token, b.publicKey, { algorithms: ["EdDSA"] })).payload.sub).toBe("u");
    expect(a.publicJwk).toEqual({
      kty: "OKP",
      crv: "Ed25519",
      x: expect.any(String),
      kid: a.kid,
      alg: "EdDSA",
      use: "sig",
    });
  });

  it("the private half is stored encrypted; another secret cannot open it, and says what to do", async () => {
    const key = await storedSigningKey(db.prisma, SECRET);
    const [row] = await db.sql.query<{ encryptedPrivateJwk: string; publicJwk: unknown }>(
      `SELECT "encryptedPrivateJwk", "publicJwk" FROM "TokenSigningKey"`,
    );
    expect(row!.encryptedPrivateJwk.split(".")).toHaveLength(5); // a compact JWE
    expect(JSON.stringify(row!.publicJwk)).not.toContain('"d"');
    expect(row!.encryptedPrivateJwk).not.toContain(key.publicJwk.x!);
    await expect(storedSigningKey(db.prisma, `${SECRET}-other`)).rejects.toThrow(/another NEXTAUTH_SECRET/);
  });

  it("a generated private JWK is Ed25519 with its thumbprint as kid", async () => {
    const jwk = await generatePrivateJwk();
    expect(jwk).toMatchObject({ kty: "OKP", crv: "Ed25519", d: expect.any(String), kid: expect.any(String) });
  });
});
