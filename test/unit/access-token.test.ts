// Access tokens on their own: what verifyAccessToken accepts (our signature,
// our type, our claims, not expired), what it remembers (a repeat costs no
// signature check, and expiry is still checked), and its bounds.
import { generateKeyPair, SignJWT } from "jose";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { AuthToken } from "@/lib/auth/token";
import { processSlot } from "@/lib/process-state";
import { setAppDatabase } from "../support/app-database";

const holder = vi.hoisted(() => ({ jwk: "" }));
vi.mock("@/lib/env", () => ({
  env: () => ({ tokenPrivateKey: holder.jwk, authSecret: "x".repeat(40), accessTokenSeconds: 300 }),
}));
setAppDatabase(null);

const { forgetSigningKey, generatePrivateJwk, signingKey } = await import("@/lib/sessions/signing-keys");
const { issueAccessToken, verifyAccessToken, MAX_TOKEN_LENGTH } = await import("@/lib/sessions/access-token");

const CLAIMS: AuthToken = {
  sub: "user-1",
  sid: "session-1",
  authAt: 1_000,
  roles: [],
  perms: "",
  cat: "c",
  permsAt: 5_000,
  grantExp: null,
};
const NOW = 1_800_000_000_000;

/** A token signed with the deployment's key, with any payload and header type. */
async function signed(payload: Record<string, unknown>, typ = "at+jwt", exp = NOW / 1000 + 300) {
  const key = await signingKey();
  return new SignJWT(payload)
    .setProtectedHeader({ alg: "EdDSA", kid: key.kid, typ })
    .setIssuedAt(NOW / 1000)
    .setExpirationTime(exp)
    .sign(key.privateKey);
}

beforeEach(async () => {
  forgetSigningKey();
  holder.jwk = JSON.stringify(await generatePrivateJwk());
  processSlot("accessTokens").set(undefined);
});

describe("verifyAccessToken", () => {
  it("accepts its own tokens, with the claims and when they expire", async () => {
    const value = await issueAccessToken(CLAIMS, NOW);
    const verified = await verifyAccessToken(value, NOW + 1_000);
    expect(verified).toEqual({
      kind: "valid",
      token: expect.objectContaining({ sub: "user-1", sid: "session-1", permsAt: 5_000 }),
      expiresAt: NOW + 300_000,
    });
  });

  it("a remembered token is still checked for expiry, to the second", async () => {
    const value = await issueAccessToken(CLAIMS, NOW);
    expect((await verifyAccessToken(value, NOW + 299_999)).kind).toBe("valid");
    expect(await verifyAccessToken(value, NOW + 300_000)).toEqual({ kind: "expired" });
  });

  it("a token first seen here is verified once, then remembered with its expiry", async () => {
    const value = await signed({ ...CLAIMS });
    expect(await verifyAccessToken(value, NOW)).toMatchObject({ kind: "valid", expiresAt: NOW + 300_000 });
    forgetSigningKey();
    holder.jwk = JSON.stringify(await generatePrivateJwk()); // another key: only the memory can say yes now
    expect(await verifyAccessToken(value, NOW + 1_000)).toMatchObject({ kind: "valid" });
    expect(await verifyAccessToken(value, NOW + 300_000)).toEqual({ kind: "expired" });
  });

  it("expired on first sight → expired; another key, another type, or not ours → invalid", async () => {
    expect(await verifyAccessToken(await signed({ ...CLAIMS }, "at+jwt", NOW / 1000 - 1), NOW)).toEqual({
      kind: "expired",
    });
    expect(await verifyAccessToken(await signed({ ...CLAIMS }, "JWT"), NOW)).toEqual({ kind: "invalid" });
    const { privateKey } = await generateKeyPair("EdDSA", { crv: "Ed25519" });
    const foreign = await new SignJWT({ ...CLAIMS })
      .setProtectedHeader({ alg: "EdDSA", typ: "at+jwt" })
      .setExpirationTime(NOW / 1000 + 300)
      .sign(privateKey);
    expect(await verifyAccessToken(foreign, NOW)).toEqual({ kind: "invalid" });
    expect(await verifyAccessToken("not.a.token", NOW)).toEqual({ kind: "invalid" });
  });

  it("our signature on something that is not an access token of a session → invalid", async () => {
    const withoutSession: Partial<AuthToken> = { ...CLAIMS };
    delete withoutSession.sid;
    expect(await verifyAccessToken(await signed(withoutSession), NOW), "no session id").toEqual({
      kind: "invalid",
    });
    expect(
      await verifyAccessToken(await signed({ ...CLAIMS, sid: 7 }), NOW),
      "a session id not text",
    ).toEqual({
      kind: "invalid",
    });
    expect(await verifyAccessToken(await signed({ sub: "user-1", sid: "s" }), NOW), "no claims").toEqual({
      kind: "invalid",
    });
    const key = await signingKey();
    const noExpiry = await new SignJWT({ ...CLAIMS })
      .setProtectedHeader({ alg: "EdDSA", kid: key.kid, typ: "at+jwt" })
      .sign(key.privateKey);
    expect(await verifyAccessToken(noExpiry, NOW), "no expiry").toEqual({ kind: "invalid" });
  });

  it(`refuses anything longer than ${MAX_TOKEN_LENGTH} characters before parsing it, however good its signature; one of exactly that length passes`, async () => {
    // Genuine tokens padded to exactly the cap, and to just past it.
    const ofLength = async (length: number) => {
      for (let pad = 2000; pad < MAX_TOKEN_LENGTH; pad++) {
        const value = await signed({ ...CLAIMS, pad: "x".repeat(pad) });
        if (value.length === length) return value;
        if (value.length > length) break;
      }
      throw new Error(`no token of exactly ${length} characters`);
    };
    expect((await verifyAccessToken(await ofLength(MAX_TOKEN_LENGTH), NOW)).kind).toBe("valid");
    const over = await ofLength(MAX_TOKEN_LENGTH + 1).catch(() => ofLength(MAX_TOKEN_LENGTH + 2));
    expect(await verifyAccessToken(over, NOW)).toEqual({ kind: "invalid" });
  });

  it("remembers at most 10,000 tokens, the oldest forgotten first", async () => {
    const first = await signed({ ...CLAIMS, sub: "first" });
    expect((await verifyAccessToken(first, NOW)).kind).toBe("valid");
    for (let i = 0; i < 10_000; i++) await issueAccessToken({ ...CLAIMS, sub: `user-${i}` }, NOW);
    const remembered = processSlot<Map<string, unknown>>("accessTokens").get()!;
    expect(remembered.size).toBe(10_000);
    expect(remembered.has(first), "the oldest went first").toBe(false);
  }, 30_000); // 10,000 signatures: a second or two, more on a busy machine
});

describe("issueAccessToken", () => {
  it("a token re-issued from a verified one keeps its exp; one built from claims alone gets the full lifetime", async () => {
    const first = await issueAccessToken(CLAIMS, NOW);
    const verified = await verifyAccessToken(first, NOW + 100_000);
    if (verified.kind !== "valid") throw new Error("not valid");
    const reissued = await issueAccessToken(verified.token, NOW + 100_000);
    expect(await verifyAccessToken(reissued, NOW + 100_000)).toMatchObject({ expiresAt: NOW + 300_000 });
    const fresh = await issueAccessToken(CLAIMS, NOW + 100_000);
    expect(await verifyAccessToken(fresh, NOW + 100_000)).toMatchObject({ expiresAt: NOW + 400_000 });
  });
});
