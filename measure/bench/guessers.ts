// The two sides of `npm run bench:sign-in`: clients that guess passwords
// through next-auth's credentials callback as fast as they are answered, and
// one signed-in client that times a route meanwhile. Both stop at a deadline.

/** What one guess sends: the account, and the address a trusted proxy would report. */
export type Guess = { email: string; forwardedFor?: string };

export type GuessTally = { attempts: number; statuses: Record<string, number> };

type Csrf = { token: string; cookie: string };

async function csrf(baseUrl: string): Promise<Csrf> {
  const response = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0] ?? "")
    .join("; ");
  return { token: csrfToken, cookie };
}

async function guessOnce(baseUrl: string, session: Csrf, guess: Guess, password: string): Promise<number> {
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      cookie: session.cookie,
      ...(guess.forwardedFor ? { "x-forwarded-for": guess.forwardedFor } : {}),
    },
    body: new URLSearchParams({ csrfToken: session.token, email: guess.email, password, json: "true" }),
  });
  await response.arrayBuffer(); // drain, so the connection is reused
  return response.status;
}

/** `count` concurrent guessers until `deadline` (ms); guess number n sends pick(n). */
export async function guessUntil(
  baseUrl: string,
  count: number,
  deadline: number,
  pick: (n: number) => Guess,
): Promise<GuessTally> {
  const tally: GuessTally = { attempts: 0, statuses: {} };
  let next = 0;
  const guesser = async () => {
    const session = await csrf(baseUrl);
    while (Date.now() < deadline) {
      const n = next++;
      const status = await guessOnce(baseUrl, session, pick(n), `not-the-password-${n}`).catch(() => 0);
      tally.attempts++;
      const key = status === 0 ? "error" : String(status);
      tally.statuses[key] = (tally.statuses[key] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: count }, guesser));
  return tally;
}

/** For comparison, any flood: `count` clients GETting `path` in a tight loop until `deadline`. */
export async function fetchUntil(
  baseUrl: string,
  path: string,
  count: number,
  deadline: number,
): Promise<GuessTally> {
  const tally: GuessTally = { attempts: 0, statuses: {} };
  const client = async () => {
    while (Date.now() < deadline) {
      const response = await fetch(`${baseUrl}${path}`).catch(() => null);
      await response?.arrayBuffer();
      tally.attempts++;
      const key = response ? String(response.status) : "error";
      tally.statuses[key] = (tally.statuses[key] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: count }, client));
  return tally;
}

/** Sequential GETs of `url` with `cookie` until `deadline`; the latency of each, in ms. Any non-200 throws. */
export async function probeUntil(url: string, cookie: string, deadline: number): Promise<number[]> {
  const latencies: number[] = [];
  while (Date.now() < deadline) {
    const start = performance.now();
    const response = await fetch(url, { headers: { cookie } });
    await response.arrayBuffer();
    latencies.push(performance.now() - start);
    if (response.status !== 200) throw new Error(`${url} answered ${response.status} during the run`);
  }
  return latencies;
}
