// app/api/auth/[...nextauth]/route.ts, with next-auth itself replaced by a
// spy: which calls reach next-auth, and what the others are answered. The
// real next-auth behind it is exercised over HTTP by e2e/request-edges.spec.ts.
import { NextRequest } from "next/server";
import { beforeEach, describe, expect, it, vi } from "vitest";

const nextAuth = vi.hoisted(() => ({ handler: vi.fn(async () => new Response("from next-auth")) }));
vi.mock("next-auth", () => ({ default: () => nextAuth.handler }));
vi.mock("@/lib/auth", () => ({ authOptions: () => ({}), withRetryAfter: async (r: Response) => r }));

const route = await import("@/app/api/auth/[...nextauth]/route");

function call(method: "GET" | "POST", path: string, headers: Record<string, string> = {}, body?: string) {
  const request = new NextRequest(`http://localhost/api/auth/${path}`, { method, headers, body });
  const ctx = { params: Promise.resolve({ nextauth: path.split("?")[0]!.split("/") }) };
  return route[method](request, ctx);
}

beforeEach(() => vi.clearAllMocks());

describe("next-auth's route", () => {
  it("passes on the endpoints the app uses", async () => {
    for (const [method, path] of [
      ["GET", "csrf"],
      ["GET", "providers"],
      ["GET", "session"],
      ["GET", "signin"],
      ["GET", "signin/credentials"],
      ["GET", "signout"],
      ["POST", "signout"],
      ["POST", "callback/credentials"],
    ] as const) {
      nextAuth.handler.mockClear();
      expect(await (await call(method, path)).text(), `${method} ${path}`).toBe("from next-auth");
      expect(nextAuth.handler).toHaveBeenCalledOnce();
    }
  });

  it("POST _log is a 404 and writes nothing to the log", async () => {
    const logged = [vi.spyOn(console, "error"), vi.spyOn(console, "warn"), vi.spyOn(console, "log")];
    const body = JSON.stringify({ level: "error", code: "FORGED", message: "written by anyone" });
    const response = await call("POST", "_log", { "content-type": "application/json" }, body);
    expect(response.status).toBe(404);
    expect(nextAuth.handler).not.toHaveBeenCalled();
    for (const spy of logged) expect(spy).not.toHaveBeenCalled();
  });

  it("an endpoint with a method it does not take is a 405, anything else a 404, never next-auth's 500", async () => {
    const callback = await call("GET", "callback/credentials");
    expect(callback.status).toBe(405);
    expect(callback.headers.get("allow")).toBe("POST");
    for (const [method, path, status] of [
      ["POST", "csrf", 405],
      ["POST", "session", 405],
      ["POST", "signin/credentials", 405],
      ["GET", "callback/github", 404],
      ["GET", "verify-request", 404],
      ["GET", "_log", 404],
      ["GET", "nope", 404],
      ["POST", "error", 404],
    ] as const)
      expect((await call(method, path)).status, `${method} ${path}`).toBe(status);
    expect(nextAuth.handler).not.toHaveBeenCalled();
  });

  it("a configured identity provider adds its POST signin/<id> and GET callback/<id>, and nothing else", async () => {
    const { answeredHere } = await import("@/app/api/auth/[...nextauth]/endpoints");
    const oidc = ["oidc"];
    expect(answeredHere("POST", ["signin", "oidc"], oidc)).toBeNull();
    expect(answeredHere("GET", ["callback", "oidc"], oidc)).toBeNull();
    for (const [method, segments, status] of [
      ["POST", ["signin", "github"], 405],
      ["GET", ["callback", "github"], 404],
      ["POST", ["callback", "oidc"], 404],
      ["GET", ["callback", "oidc", "x"], 404],
      ["POST", ["signin", "credentials"], 405],
    ] as const)
      expect(answeredHere(method, segments, oidc)?.status, `${method} ${segments.join("/")}`).toBe(status);
  });

  it("the error page is the sign-in page (next-auth's answers 500 for ?error=Configuration), with a code of letters only", async () => {
    for (const [path, location] of [
      ["error?error=Configuration", "/sign-in?error=Configuration"],
      ["error?error=Callback", "/sign-in?error=Callback"],
      ["error/Configuration", "/sign-in"],
      ["error?error=%3Cscript%3E", "/sign-in"],
      [`error?error=${"A".repeat(41)}`, "/sign-in"],
    ] as const) {
      const response = await call("GET", path);
      expect(response.status, path).toBe(302);
      expect(response.headers.get("location"), path).toBe(location);
    }
    expect(nextAuth.handler).not.toHaveBeenCalled();
  });

  it("a body of undeclared length or over 64 KB never reaches next-auth, which would read it whole", async () => {
    expect((await call("POST", "callback/credentials", { "transfer-encoding": "chunked" })).status).toBe(411);
    expect((await call("POST", "callback/credentials", { "content-length": String(10 << 20) })).status).toBe(
      413,
    );
    expect(nextAuth.handler).not.toHaveBeenCalled();
  });
});
