// A token client of this app, as a CLI, a mobile app or another service
// would write one: sign in for a token pair, call /api/* with
// `Authorization: Bearer`, keep the fresh access token a response hands back
// (X-Access-Token: the user's permissions changed), refresh when told the
// access token expired, and follow the event stream (GET /api/me/events) to
// hear of changes as they happen. Used by `npm run client` and by
// e2e/token-clients.spec.ts.

import { sleep } from "@/lib/client/reconnect-delay";
import { readServerSentEvents } from "@/lib/client/sse-reader";

export type TokenPair = { accessToken: string; refreshToken: string; tokenType: "Bearer"; expiresIn: number };

export type ApiAnswer = {
  status: number;
  body: unknown;
  /** X-Permissions-Updated: the permission stamp the answer was served with. */
  permissionsUpdatedAt: number | null;
  /** Whether the answer carried a new access token (the claims changed). */
  renewed: boolean;
};

export class TokenClientError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
  ) {
    super(`${status} ${code}`);
    this.name = "TokenClientError";
  }
}

export class TokenClient {
  private pair: TokenPair | null = null;

  constructor(
    private readonly baseUrl: string,
    private readonly log: (line: string) => void = () => {},
  ) {}

  get accessToken(): string | null {
    return this.pair?.accessToken ?? null;
  }

  get refreshToken(): string | null {
    return this.pair?.refreshToken ?? null;
  }

  async signIn(email: string, password: string): Promise<void> {
    this.pair = await this.post<TokenPair>("/api/tokens", { email, password });
    this.log(`signed in as ${email}; access token valid ${this.pair.expiresIn} s`);
  }

  /** Trades the refresh token for a new pair (each refresh token works once). */
  async refresh(): Promise<void> {
    if (!this.pair) throw new Error("sign in first");
    this.pair = await this.post<TokenPair>("/api/tokens/refresh", { refreshToken: this.pair.refreshToken });
    this.log("refreshed the token pair");
  }

  /** Calls an API with the access token; refreshes once when it has expired. */
  async call(path: string, init: { method?: string; baseUrl?: string } = {}): Promise<ApiAnswer> {
    let answer = await this.send(path, init);
    if (answer.status === 401 && (answer.body as { error?: string }).error === "token_expired") {
      await this.refresh();
      answer = await this.send(path, init);
    }
    return answer;
  }

  /**
   * Follows GET /api/me/events, handing each event to `onEvent`, until `signal`
   * aborts or the session ends ("revoked"). When the access token the stream
   * was opened with expires (an "expired" event, or 401 token_expired), it
   * refreshes the pair and opens the stream again; a dropped connection is
   * reopened after the server's retry hint. At most one open per second.
   */
  async follow(onEvent: (event: StreamEvent) => Promise<void> | void, signal: AbortSignal): Promise<string> {
    if (!this.pair) throw new Error("sign in first");
    let lastOpen = 0;
    while (!signal.aborted) {
      await sleep(Math.max(0, lastOpen + 1000 - Date.now()), signal);
      lastOpen = Date.now();
      let response: Response;
      try {
        response = await fetch(new URL("/api/me/events", this.baseUrl), {
          headers: { authorization: `Bearer ${this.pair.accessToken}`, accept: "text/event-stream" },
          signal,
        });
      } catch (error) {
        if (signal.aborted) break;
        throw error;
      }
      if (!response.ok) {
        const { error = "unknown_error" } = (await response.json()) as { error?: string };
        if (error !== "token_expired") throw new TokenClientError(response.status, error);
        await this.refresh();
        continue;
      }
      const renewed = response.headers.get("x-access-token");
      if (renewed) this.pair = { ...this.pair, accessToken: renewed };
      const last = await readEvents(response, onEvent).catch((error: unknown) => {
        if (signal.aborted) return null;
        throw error;
      });
      if (last === "revoked") return "revoked";
      if (last === "expired") await this.refresh();
    }
    return "stopped";
  }

  private async send(path: string, { method = "GET", baseUrl = this.baseUrl }): Promise<ApiAnswer> {
    if (!this.pair) throw new Error("sign in first");
    const response = await fetch(new URL(path, baseUrl), {
      method,
      headers: { authorization: `Bearer ${this.pair.accessToken}` },
      signal: AbortSignal.timeout(10_000),
    });
    const renewed = response.headers.get("x-access-token");
    if (renewed) {
      this.pair = { ...this.pair, accessToken: renewed };
      this.log(
        `permissions changed: new access token (stamp ${response.headers.get("x-permissions-updated")})`,
      );
    }
    const stamp = response.headers.get("x-permissions-updated");
    const text = await response.text();
    return {
      status: response.status,
      body: text ? (JSON.parse(text) as unknown) : null,
      permissionsUpdatedAt: stamp ? Number(stamp) : null,
      renewed: renewed !== null,
    };
  }

  private async post<T>(path: string, body: unknown): Promise<T> {
    const response = await fetch(new URL(path, this.baseUrl), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    // Not JSON (a proxy's error page, a server that failed to start): say so, not a parse error.
    const json = (await response.json().catch(() => null)) as (T & { error?: string }) | null;
    if (!response.ok || json === null)
      throw new TokenClientError(
        response.status,
        json?.error ?? `not a JSON answer (${response.statusText})`,
      );
    return json;
  }
}

export type StreamEvent = { event: string; data: unknown };

/** Reads the stream's events until the response ends, handling each in turn; returns the last one's name (null: none). */
async function readEvents(
  response: Response,
  onEvent: (event: StreamEvent) => Promise<void> | void,
): Promise<string | null> {
  let last: string | null = null;
  let handled = Promise.resolve();
  const reading = readServerSentEvents(response.body!, ({ event, data }) => {
    last = event;
    handled = handled.then(() => onEvent({ event, data: JSON.parse(data) as unknown }));
  });
  try {
    await reading;
  } finally {
    await handled;
  }
  return last;
}
