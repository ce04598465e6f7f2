// What the proxy does before any session work, on every path it runs for: a
// body must declare its length within 64 KB (Next copies what it proxies, up
// to proxyClientMaxBodySize, before any route's own limit), and a client's
// x-live-authz-path never goes on. Also: the CORS preflight allows every
// method an API route answers. No database, no session: these answers come
// from the headers alone.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { unstable_doesMiddlewareMatch } from "next/experimental/testing/server";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { preflightResponse } from "@/lib/sessions/cors";
import { REQUEST_PATH_HEADER } from "@/lib/auth/guards";
import { MAX_REQUEST_BODY_BYTES } from "@/lib/security/body-limit";
import { config, proxy } from "@/proxy";
import nextConfig from "@/next.config.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
// Each kind of path: an API, next-auth's, a page (server actions post there), a file name, a page that looks like one.
const PATHS = ["/api/tokens", "/api/auth/callback/credentials", "/sign-in", "/x.png", "/admin/users/x.png"];

const post = (url: string, headers: Record<string, string>) =>
  new NextRequest(`http://localhost${url}`, { method: "POST", headers });

describe("request bodies", () => {
  it("a body of undeclared length (chunked) is refused with 411 on every path, before anything reads it", async () => {
    for (const url of PATHS) {
      const response = await proxy(post(url, { "transfer-encoding": "chunked" }));
      expect(response.status, url).toBe(411);
      expect(await response.json()).toEqual({ error: "length_required" });
    }
  });

  it("a declared length over 64 KB is refused with 413; 64 KB passes", async () => {
    for (const url of PATHS) {
      const over = await proxy(post(url, { "content-length": String(MAX_REQUEST_BODY_BYTES + 1) }));
      expect(over.status, url).toBe(413);
      const nonsense = await proxy(post(url, { "content-length": "lots" }));
      expect(nonsense.status, url).toBe(413);
    }
    const within = await proxy(
      post("/api/auth/signout", { "content-length": String(MAX_REQUEST_BODY_BYTES) }),
    );
    expect(within.headers.get("x-middleware-next")).toBe("1");
  });

  it("Next holds no more of a body for the proxy than the proxy lets through", () => {
    const experimental = (nextConfig as { experimental?: { proxyClientMaxBodySize?: number } }).experimental;
    expect(experimental?.proxyClientMaxBodySize).toBe(MAX_REQUEST_BODY_BYTES);
  });

  it("the proxy runs for every path but Next's build output and image optimizer", () => {
    for (const url of [...PATHS, "/api/auth/_log", "/favicon.ico", "/robots.txt", "/"])
      expect(unstable_doesMiddlewareMatch({ config, url }), url).toBe(true);
    for (const url of ["/_next/static/chunks/a.js", "/_next/image"])
      expect(unstable_doesMiddlewareMatch({ config, url }), url).toBe(false);
  });
});

describe("the internal path header", () => {
  it("a client's x-live-authz-path does not go on, on the paths the proxy only passes through", async () => {
    for (const url of ["/api/auth/session", "/x.png", "/admin/users/x.png", "/favicon.ico"]) {
      const request = new NextRequest(`http://localhost${url}`, {
        headers: { [REQUEST_PATH_HEADER]: "/from-the-client", accept: "text/html" },
      });
      const response = await proxy(request);
      expect(response.headers.get("x-middleware-next"), url).toBe("1");
      // Next keeps only the request headers named here, with the values given.
      const kept = response.headers.get("x-middleware-override-headers")?.split(",") ?? [];
      expect(kept, url).toContain("accept");
      expect(kept, url).not.toContain(REQUEST_PATH_HEADER);
      expect(response.headers.get(`x-middleware-request-${REQUEST_PATH_HEADER}`), url).toBeNull();
    }
  });
});

/**
 * Every HTTP method an app/api route handler exports (`export const PUT`,
 * `export { x as PUT }`, functions), but the catch-all's: it only says 404.
 */
function apiMethods(dir = path.join(ROOT, "app/api")): Set<string> {
  const methods = new Set<string>();
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory() && entry.name === "[...path]") continue;
    if (entry.isDirectory()) for (const m of apiMethods(file)) methods.add(m);
    else if (entry.name === "route.ts")
      for (const m of readFileSync(file, "utf8").matchAll(/\b(GET|POST|PUT|PATCH|DELETE)\b(?=[\s,;}=(])/g))
        methods.add(m[1]!);
  }
  return methods;
}

describe("CORS", () => {
  it("the preflight allows every method an API route answers (PUT /api/me/organization included)", () => {
    const response = preflightResponse("https://app.example", ["https://app.example"]);
    const allowed = response.headers.get("access-control-allow-methods")!.split(/,\s*/);
    const exported = apiMethods();
    expect(exported).toContain("PUT");
    for (const method of exported) expect(allowed, method).toContain(method);
  });
});
