// A token client of this app, as a CLI, a mobile app or another service
// would write one: sign in for a token pair, call /api/* with
// `Authorization: Bearer`, keep the fresh access token a response hands back
// (X-Access-Token: the user's permissions changed), refresh when told the
// access token expired. Used by `npm run client` and by e2e/token-clients.spec.ts.

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
    const json = (await response.json()) as T & { error?: string };
    if (!response.ok) throw new TokenClientError(response.status, json.error ?? "unknown_error");
    return json;
  }
}
