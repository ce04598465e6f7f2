// A signed-in user of each peer, as the benchmark needs one: their roles
// granted in SQL, their session made the way that peer allows (rows inserted
// for next-auth's database sessions and the hand-written one, a token minted
// with next-auth's own `encode` for its JWT sessions, Better Auth's own
// sign-up and sign-in endpoints), and a cookie jar that behaves like a
// browser's.
import { randomBytes } from "node:crypto";
import { encode } from "next-auth/jwt";
import type pg from "pg";

export class CookieJar {
  private readonly cookies = new Map<string, string>();

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  set(name: string, value: string): void {
    this.cookies.set(name, value);
  }

  /** Keeps what Set-Cookie lines say: a new value replaces the old one, an emptied or expired one goes. */
  absorb(lines: readonly string[]): void {
    for (const line of lines) {
      const [pair = "", ...attributes] = line.split(";");
      const equals = pair.indexOf("=");
      if (equals < 1) continue;
      const name = pair.slice(0, equals).trim();
      const value = pair.slice(equals + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age\s*=\s*(0|-)/i.test(a));
      if (value === "" || expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
}

export type PeerUser = { id: string; jar: CookieJar };
export type SignInContext = { writer: pg.Client; baseUrl: string; secret: string };

const NEXT_AUTH_COOKIE = "next-auth.session-token";
const HAND_COOKIE = "hand.session"; // scripts/bench/peers/lib/peers/hand-written.ts
const SESSION_DAYS = 30;

export async function grantRoles(writer: pg.Client, userId: string, roles: readonly string[]): Promise<void> {
  await writer.query(
    `INSERT INTO user_role (user_id, role_id) SELECT $1, id FROM role WHERE name = ANY($2::text[])`,
    [userId, roles],
  );
}

async function nextAuthUser(writer: pg.Client, id: string, roles: readonly string[]): Promise<void> {
  await writer.query(`INSERT INTO "User" (id, name, email) VALUES ($1, $1, $1 || '@bench.test')`, [id]);
  await grantRoles(writer, id, roles);
}

const token = () => randomBytes(32).toString("base64url");

/** A user of `peer` holding `roles`, signed in on `baseUrl`. */
export async function signInPeer(
  peer: string,
  ctx: SignInContext,
  roles: readonly string[],
): Promise<PeerUser> {
  const id = `${peer}-${randomBytes(6).toString("hex")}`;
  const jar = new CookieJar();
  const expires = `now() + interval '${SESSION_DAYS} days'`;
  switch (peer) {
    case "next-auth-database": {
      // What next-auth's adapter would write at an OAuth or email sign-in.
      await nextAuthUser(ctx.writer, id, roles);
      const sessionToken = token();
      await ctx.writer.query(
        `INSERT INTO "Session" (id, "sessionToken", "userId", expires) VALUES ($1, $2, $3, ${expires})`,
        [`s-${id}`, sessionToken, id],
      );
      jar.set(NEXT_AUTH_COOKIE, sessionToken);
      return { id, jar };
    }
    case "next-auth-jwt": {
      // The token its jwt callback builds at sign-in: the permissions of that moment.
      await nextAuthUser(ctx.writer, id, roles);
      const { rows } = await ctx.writer.query<{ permission: string }>(
        `SELECT DISTINCT rp.permission FROM user_role ur JOIN role_permission rp USING (role_id) WHERE ur.user_id = $1`,
        [id],
      );
      const claims = { sub: id, email: `${id}@bench.test`, permissions: rows.map((r) => r.permission) };
      jar.set(NEXT_AUTH_COOKIE, await encode({ token: claims, secret: ctx.secret }));
      return { id, jar };
    }
    case "hand-written": {
      await nextAuthUser(ctx.writer, id, roles);
      const sessionToken = token();
      await ctx.writer.query(
        `INSERT INTO hand_session (token, user_id, expires_at) VALUES ($1, $2, ${expires})`,
        [sessionToken, id],
      );
      jar.set(HAND_COOKIE, sessionToken);
      return { id, jar };
    }
    default:
      return betterAuthUser(peer, ctx, roles, jar);
  }
}

/** Signs up (email and password), gets the roles, then signs in, so the session's cache holds them. */
async function betterAuthUser(
  peer: string,
  ctx: SignInContext,
  roles: readonly string[],
  jar: CookieJar,
): Promise<PeerUser> {
  const email = `${peer}-${randomBytes(6).toString("hex")}@bench.test`;
  const password = token();
  const post = async (action: string, body: object) => {
    const response = await fetch(`${ctx.baseUrl}/api/${peer}/auth/${action}`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: ctx.baseUrl },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${peer} ${action}: ${response.status} ${await response.text()}`);
    return response;
  };
  const signedUp = (await (await post("sign-up/email", { email, password, name: email })).json()) as {
    user: { id: string };
  };
  await grantRoles(ctx.writer, signedUp.user.id, roles);
  jar.absorb((await post("sign-in/email", { email, password })).headers.getSetCookie());
  return { id: signedUp.user.id, jar };
}
