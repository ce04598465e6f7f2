// The promise, proved over HTTP on the running minimal app: a signed-in user
// without reports.read is refused; a grant written in SQL is seen by the very
// next request, which answers 200 with the new permission stamp in
// X-Permissions-Updated and a re-issued session cookie; the revocation is seen
// the same way. Each step says what it saw; the first surprise throws.
import { type CheckDatabase, DEMO } from "./database";
import { type Answer, HttpSession } from "./http-session";

/** next-auth's cookie name over http (the check's server has no TLS). */
const SESSION_COOKIE = "next-auth.session-token";
const API = "/api/reports";
const PAGE = "/reports";

export type Proof = { grantSeenMs: number; revokeSeenMs: number };

function expectAnswer(what: string, answer: Answer, status: number, stamp?: number): void {
  if (answer.status !== status)
    throw new Error(`${what}: answered ${answer.status}, expected ${status} (${answer.body.slice(0, 200)})`);
  if (stamp !== undefined && answer.stamp !== stamp)
    throw new Error(`${what}: X-Permissions-Updated was ${answer.stamp}, expected ${stamp}`);
}

/** The change's answer also carries the session cookie, re-issued with new claims. */
function expectReissued(what: string, answer: Answer, before: string | undefined): void {
  const value = answer.setCookies.get(SESSION_COOKIE);
  if (!value) throw new Error(`${what}: no re-issued ${SESSION_COOKIE} in Set-Cookie`);
  if (value === before) throw new Error(`${what}: the session cookie came back unchanged`);
}

/**
 * A change written in SQL, then the very next request: it must answer
 * `status` with the stamp the change left, and re-issue the session cookie.
 */
async function firstRequestAfter(
  browser: HttpSession,
  what: string,
  change: () => Promise<number>,
  status: number,
): Promise<{ stamp: number; seenMs: number }> {
  const cookie = browser.cookie(SESSION_COOKIE);
  const stamp = await change();
  const started = performance.now();
  const answer = await browser.get(API);
  const seenMs = performance.now() - started;
  expectAnswer(`the first request after the ${what}, GET ${API}`, answer, status, stamp);
  expectReissued(`the first request after the ${what}`, answer, cookie);
  return { stamp, seenMs };
}

export async function proveLiveClaims(
  baseUrl: string,
  db: CheckDatabase,
  log: (line: string) => void,
): Promise<Proof> {
  expectAnswer(`signed out, GET ${API}`, await new HttpSession(baseUrl).get(API), 401);
  log(`signed out, GET ${API}: 401`);

  const browser = new HttpSession(baseUrl);
  await browser.signIn(DEMO.email, DEMO.password, SESSION_COOKIE);
  log(`signed in as ${DEMO.email} through /api/auth/callback/credentials`);
  const refused = await browser.get(API);
  expectAnswer(`without ${DEMO.permission}, GET ${API}`, refused, 403);
  if (refused.stamp === null) throw new Error(`GET ${API}: a signed-in answer without X-Permissions-Updated`);
  expectAnswer(`without ${DEMO.permission}, GET ${PAGE}`, await browser.get(PAGE), 403);
  log(
    `without ${DEMO.permission}: GET ${API} 403, GET ${PAGE} 403 (X-Permissions-Updated: ${refused.stamp})`,
  );

  const grant = await firstRequestAfter(browser, "grant", () => db.grant(), 200);
  log(
    `INSERT INTO "UserRole" → next GET ${API}: 200, X-Permissions-Updated: ${grant.stamp}, cookie re-issued`,
  );
  expectAnswer(`after the grant, GET ${PAGE}`, await browser.get(PAGE), 200);
  // next-auth itself reads the cookie the core wrote: the two token formats are one.
  const session = await browser.get("/api/auth/session");
  expectAnswer(`after the grant, GET /api/auth/session`, session, 200);
  if (!session.body.includes(DEMO.email))
    throw new Error(`GET /api/auth/session did not read the re-issued cookie: ${session.body.slice(0, 200)}`);
  log(`then GET ${PAGE}: 200; GET /api/auth/session: next-auth reads the re-issued cookie`);

  const revoke = await firstRequestAfter(browser, "revocation", () => db.revoke(), 403);
  log(
    `DELETE FROM "UserRole" → next GET ${API}: 403, X-Permissions-Updated: ${revoke.stamp}, cookie re-issued`,
  );
  expectAnswer(`after the revocation, GET ${PAGE}`, await browser.get(PAGE), 403);
  log(`then GET ${PAGE}: 403`);
  return { grantSeenMs: grant.seenMs, revokeSeenMs: revoke.seenMs };
}
