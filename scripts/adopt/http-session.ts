// A browser's part, reduced to what the check needs: a cookie jar, and
// next-auth's real credentials flow (GET /api/auth/csrf, then POST
// /api/auth/callback/credentials with the CSRF cookie), as a script signs in.
// Every request has a deadline, so a server that hangs fails the check.
const REQUEST_TIMEOUT_MS = 30_000;

export type Answer = {
  status: number;
  /** X-Permissions-Updated as a number, or null when the response did not carry it. */
  stamp: number | null;
  /** Cookies this response set (their value) or cleared (null), by name. */
  setCookies: Map<string, string | null>;
  body: string;
};

export class HttpSession {
  private readonly jar = new Map<string, string>();

  constructor(private readonly baseUrl: string) {}

  cookie(name: string): string | undefined {
    return this.jar.get(name);
  }

  /** Redirects are not followed: a guard's redirect to sign-in is an answer to look at. */
  get(path: string): Promise<Answer> {
    return this.send(path, { redirect: "manual" });
  }

  /** Signs in through next-auth's credentials provider; throws unless `sessionCookie` came back. */
  async signIn(email: string, password: string, sessionCookie: string): Promise<void> {
    const csrf = await this.send("/api/auth/csrf");
    const csrfToken =
      csrf.status === 200 ? (JSON.parse(csrf.body) as { csrfToken?: string }).csrfToken : null;
    if (!csrfToken) throw new Error(`GET /api/auth/csrf answered ${csrf.status} without a csrfToken`);
    const answer = await this.send("/api/auth/callback/credentials", {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
    });
    if (!answer.setCookies.get(sessionCookie))
      throw new Error(
        `signing in as ${email} set no ${sessionCookie} (HTTP ${answer.status}: ${answer.body})`,
      );
  }

  private async send(path: string, init: RequestInit = {}): Promise<Answer> {
    const cookie = [...this.jar].map(([name, value]) => `${name}=${value}`).join("; ");
    const response = await fetch(new URL(path, this.baseUrl), {
      ...init,
      headers: { ...(init.headers as Record<string, string> | undefined), ...(cookie ? { cookie } : {}) },
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const setCookies = new Map<string, string | null>();
    for (const line of response.headers.getSetCookie()) {
      const [pair = "", ...attributes] = line.split(";");
      const at = pair.indexOf("=");
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      // A cleared cookie comes back empty, or with Max-Age=0, or expired in 1970.
      const cleared =
        value === "" || attributes.some((a) => /^\s*max-age=0\s*$|expires=thu, 01 jan 1970/i.test(a));
      setCookies.set(name, cleared ? null : value);
      if (cleared) this.jar.delete(name);
      else this.jar.set(name, value);
    }
    const header = response.headers.get("x-permissions-updated");
    return {
      status: response.status,
      stamp: header === null ? null : Number(header),
      setCookies,
      body: await response.text(),
    };
  }
}
