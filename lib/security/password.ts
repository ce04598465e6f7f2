// Password hashing with the native bcrypt addon: it hashes on libuv's thread
// pool, so a flood of sign-ins no longer stalls every other request on the
// event loop (bcryptjs, used before, hashed on the main thread). It reads the
// $2a$/$2b$ hashes bcryptjs wrote, so existing passwords keep working; hashes
// below the current cost are rewritten at the next successful sign-in.
// docs/PERFORMANCE.md has the measurements behind this choice.
import { availableParallelism } from "node:os";
import bcrypt from "bcrypt";

export const PASSWORD_COST = 10;

// At most this many hashes at once: one core stays free for the event loop
// (and libuv's pool keeps threads for file and DNS work); the rest wait here.
const MAX_CONCURRENT_HASHES = Math.max(1, availableParallelism() - 1);
let running = 0;
const waiting: (() => void)[] = [];

async function limited<T>(work: () => Promise<T>): Promise<T> {
  if (running >= MAX_CONCURRENT_HASHES) await new Promise<void>((resolve) => waiting.push(resolve));
  else running++;
  try {
    return await work();
  } finally {
    const next = waiting.shift();
    if (next)
      next(); // the slot passes straight to the next in line
    else running--;
  }
}

export function hashPassword(plain: string): Promise<string> {
  return limited(() => bcrypt.hash(plain, PASSWORD_COST));
}

/** False for a wrong password and for anything that is not a bcrypt hash. */
export function verifyPassword(plain: string, hash: string): Promise<boolean> {
  return limited(() => bcrypt.compare(plain, hash));
}

/** True when the hash should be rewritten at the current cost (weaker, or not bcrypt at all). */
export function needsRehash(hash: string): boolean {
  if (!/^\$2[ab]\$\d\d\$/.test(hash)) return true;
  return bcrypt.getRounds(hash) < PASSWORD_COST;
}

// Compared against when the email is unknown, so that a wrong email and a
// wrong password cost the same hashing work and cannot be told apart. A fixed
// hash at PASSWORD_COST (a unit test checks the cost), so even the first
// unknown email costs one comparison, like every known one.
export const DUMMY_HASH = "$2b$10$obxQSUE7y8MCduoWM6gAku2XnrQgFvyvGNMhFpma35VTxH0OeA4j2";

export async function verifyAgainstNothing(plain: string): Promise<false> {
  await verifyPassword(plain, DUMMY_HASH);
  return false;
}
