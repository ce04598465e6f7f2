import bcrypt from "bcryptjs";

// bcryptjs is pure JavaScript: no native build at install time.
const COST = 10;

export function hashPassword(plain: string): Promise<string> {
  return bcrypt.hash(plain, COST);
}

export function verifyPassword(plain: string, hash: string): Promise<boolean> {
  return bcrypt.compare(plain, hash);
}

// Compared against when the email is unknown, so that a wrong email and a
// wrong password take the same time and cannot be told apart.
let dummyHash: Promise<string> | undefined;

export async function verifyAgainstNothing(plain: string): Promise<false> {
  dummyHash ??= bcrypt.hash("no such user", COST);
  await bcrypt.compare(plain, await dummyHash);
  return false;
}
