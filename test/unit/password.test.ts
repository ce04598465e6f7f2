import bcrypt from "bcrypt";
import bcryptjs from "bcryptjs";
import { describe, expect, it } from "vitest";
import {
  DUMMY_HASH,
  hashPassword,
  needsRehash,
  PASSWORD_COST,
  verifyPassword,
} from "@/lib/security/password";

describe("password hashes", () => {
  it("compares unknown emails against a hash of the current cost", async () => {
    expect(bcrypt.getRounds(DUMMY_HASH)).toBe(PASSWORD_COST);
    expect(await bcrypt.compare("no such user", DUMMY_HASH)).toBe(true);
  });

  it("reads hashes written by bcryptjs, and bcryptjs reads ours", async () => {
    const legacy = bcryptjs.hashSync("demo1234", 4);
    expect(await verifyPassword("demo1234", legacy)).toBe(true);
    expect(await verifyPassword("demo12345", legacy)).toBe(false);
    expect(await bcryptjs.compare("demo1234", await hashPassword("demo1234"))).toBe(true);
    expect(await verifyPassword("x", "not a hash")).toBe(false);
  });

  it("asks for a rehash below the current cost or for anything that is not bcrypt", () => {
    expect(needsRehash(DUMMY_HASH)).toBe(false);
    expect(needsRehash(bcrypt.hashSync("x", 4))).toBe(true);
    expect(needsRehash("$2a$04$abcdefghijklmnopqrstuu5Q3wL9cGz1m0R1QyqY0b7lGm4bVd1Wy")).toBe(true);
    expect(needsRehash("plain")).toBe(true);
  });
});
