// AUTH_TOKEN_PRIVATE_KEY: the operator's key is used as given (its kid kept),
// only its public half is published, and a key of another kind is refused
// with a message that says what is expected.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { setAppDatabase } from "../support/app-database";

const holder = vi.hoisted(() => ({ jwk: "" }));
vi.mock("@/lib/env", () => ({ env: () => ({ tokenPrivateKey: holder.jwk, authSecret: "x".repeat(40) }) }));
setAppDatabase(null);

const { forgetSigningKey, generatePrivateJwk, publicJwks, signingKey } =
  await import("@/lib/sessions/signing-keys");

beforeEach(() => forgetSigningKey());

describe("AUTH_TOKEN_PRIVATE_KEY", () => {
  it("is used as given, and the JWKS carries its public half only", async () => {
    const jwk = { ...(await generatePrivateJwk()), kid: "operator-key-1" };
    holder.jwk = JSON.stringify(jwk);
    expect((await signingKey()).kid).toBe("operator-key-1");
    const { keys } = await publicJwks();
    expect(keys).toEqual([
      { kty: "OKP", crv: "Ed25519", x: jwk.x, kid: "operator-key-1", alg: "EdDSA", use: "sig" },
    ]);
  });

  it("an RSA or symmetric key is refused, and a failed load is tried again next time", async () => {
    holder.jwk = JSON.stringify({ kty: "oct", k: "c2VjcmV0" });
    await expect(signingKey()).rejects.toThrow("must be an Ed25519 private JWK");
    holder.jwk = JSON.stringify(await generatePrivateJwk());
    await expect(signingKey()).resolves.toMatchObject({ kid: expect.any(String) });
  });
});
