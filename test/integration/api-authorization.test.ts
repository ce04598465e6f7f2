// The API authorization table, derived from the code: every route handler
// under app/ (app/**/route.ts), called anonymously, with a session cookie and
// with a bearer access token, as each demo role. A handler built with withUser
// declares its permission (routePermissionOf): anonymous → 401, a role without
// the permission → 403, a role with it → neither. Any other handler must be on
// the PUBLIC list below, with the reason it is open; a new route that is
// neither fails the first test.
import { randomUUID } from "node:crypto";
import { readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { issueAccessToken } from "@/lib/sessions/access-token";
import { loadClaims } from "@/lib/auth/claims";
import { routePermissionOf } from "@/lib/auth/route-guard";
import { createSession } from "@/lib/auth/session-registry";
import { forgetSigningKey } from "@/lib/sessions/signing-keys";
import { withClaims } from "@/lib/auth/token";
import { seedDemoData } from "@/lib/db/seed";
import { PERMISSIONS, scopeOf } from "@/lib/permissions/catalogue";
import { hasPermission } from "@/lib/permissions/check";
import { setAppDatabase } from "../support/app-database";
import { createMigratedDatabase, describeOnBackends, type TestDatabase } from "../support/databases";
import { idOfUser } from "../support/admin";
import { resetInstance, sendCookie, signIn } from "../support/session-harness";

vi.mock("next/headers", async () => (await import("../support/session-harness")).headersMock);

/** Open to everyone, and why. */
const PUBLIC: Record<string, string> = {
  "app/api/health/route.ts#GET": "load balancers probe it; it says nothing about users",
  "app/api/openapi.json/route.ts#GET": "the API's description, as its docs are: it holds no data",
  "app/api/tokens/route.ts#POST": "signing in: the password is the credential (sign-in limits apply)",
  "app/api/tokens/refresh/route.ts#POST": "the refresh token is the credential",
  "app/.well-known/jwks.json/route.ts#GET": "public keys, for services that verify access tokens",
  ...Object.fromEntries(
    ["GET", "POST", "PUT", "PATCH", "DELETE"].map((m) => [
      `app/api/[...path]/route.ts#${m}`,
      "no route: a JSON 404 for everyone, which tells nothing",
    ]),
  ),
};
/** next-auth's own routes guard themselves (sign-in, sign-out, csrf, session). */
const NOT_OURS = ["app/api/auth/[...nextauth]/route.ts"];
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
const ROLES = ["Viewer", "Editor", "Admin"] as const;

type Route = (req: Request, context: unknown) => Promise<Response>;

function routeFiles(): string[] {
  return (readdirSync(path.resolve("app"), { recursive: true }) as string[])
    .filter((f) => path.basename(f) === "route.ts")
    .map((f) => path.posix.join("app", f.split(path.sep).join("/")))
    .filter((f) => !NOT_OURS.includes(f))
    .sort();
}

/** Every dynamic segment ([id]) gets a fresh id that names nothing. */
function contextFor(file: string) {
  const names = [...file.matchAll(/\[(\w+)\]/g)].map((m) => m[1]!);
  return { params: Promise.resolve(Object.fromEntries(names.map((n) => [n, randomUUID()]))) };
}

const urlOf = (file: string) =>
  `http://localhost${file
    .replace(/^app/, "")
    .replace(/\/route\.ts$/, "")
    .replace(/\[(\w+)\]/g, "x")}`;

await describeOnBackends("API authorization table", (backend) => {
  let db: TestDatabase;
  const routes = new Map<string, { file: string; handler: Route }>();
  const cookies = new Map<string, string>();
  const bearers = new Map<string, string>();

  beforeAll(async () => {
    db = await createMigratedDatabase(backend);
    setAppDatabase(db);
    forgetSigningKey();
    await seedDemoData(db.prisma);
    for (const file of routeFiles()) {
      const exported = (await import(path.resolve(file))) as Record<string, unknown>;
      for (const method of METHODS)
        if (typeof exported[method] === "function")
          routes.set(`${file}#${method}`, { file, handler: exported[method] as Route });
    }
    for (const role of ROLES) {
      const email = `${role.toLowerCase()}@example.com`;
      cookies.set(role, (await signIn(email)).cookie);
      const authAt = Date.now();
      const userId = await idOfUser(db, email);
      const claims = (await loadClaims(db.prisma, userId, authAt))!;
      const origin = { userAgent: null, clientAddress: null };
      const sid = await createSession(db.prisma, { userId, kind: "token", origin, authAt });
      bearers.set(role, await issueAccessToken(withClaims({ authAt, sid }, claims)));
    }
  });
  afterAll(async () => {
    forgetSigningKey();
    await resetInstance();
    await db?.dispose();
  });

  it("every route handler is guarded by withUser or listed as public, with its reason", () => {
    expect(routes.size).toBeGreaterThan(5);
    for (const [key, { handler }] of routes) {
      const guarded = routePermissionOf(handler) !== undefined;
      expect(guarded !== key in PUBLIC, `${key}: guarded or public, not both or neither`).toBe(true);
    }
    for (const key of Object.keys(PUBLIC)) expect(routes.has(key), `${key} exists`).toBe(true);
  });

  async function call(key: string, auth: { cookie?: string; bearer?: string }): Promise<Response> {
    const { file, handler } = routes.get(key)!;
    const method = key.split("#")[1]!;
    sendCookie(auth.cookie ?? null);
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (auth.bearer) headers.authorization = `Bearer ${auth.bearer}`;
    const body = method === "GET" || method === "DELETE" ? undefined : "{}";
    return handler(new Request(urlOf(file), { method, headers, body }), contextFor(file));
  }

  it("anonymous: every guarded route answers 401", async () => {
    for (const key of routes.keys()) {
      if (key in PUBLIC) continue;
      expect((await call(key, {})).status, key).toBe(401);
    }
  });

  for (const via of ["cookie", "bearer"] as const) {
    it(`${via}: each role gets 403 exactly where it lacks the route's permission`, async () => {
      for (const role of ROLES) {
        const auth = via === "cookie" ? { cookie: cookies.get(role)! } : { bearer: bearers.get(role)! };
        const claims = (await loadClaims(
          db.prisma,
          await idOfUser(db, `${role.toLowerCase()}@example.com`),
          Date.now(),
        ))!;
        for (const [key, { handler }] of routes) {
          const permission = routePermissionOf(handler);
          if (permission === undefined) continue;
          const status = (await call(key, auth)).status;
          const allowed = permission === null || hasPermission(claims, permission);
          if (allowed) expect([401, 403, 503], `${role} via ${via}: ${key}`).not.toContain(status);
          else expect(status, `${role} via ${via}: ${key}`).toBe(403);
        }
      }
    });
  }

  it("a member whose organization role holds every permission: no platform permission in any answer, by cookie or token", async () => {
    // Written directly, as any writer could: the app refuses such a role for a membership.
    const role = await db.prisma.role.create({
      data: { name: "Rogue", permissions: { create: PERMISSIONS.map((permission) => ({ permission })) } },
    });
    const acme = await db.prisma.organization.findUniqueOrThrow({ where: { slug: "acme" } });
    const user = await db.prisma.user.create({
      data: { email: "rogue@example.test", name: "Rogue", passwordHash: "x" },
    });
    await db.prisma.membership.create({
      data: { userId: user.id, organizationId: acme.id, roleId: role.id },
    });
    const authAt = Date.now();
    const claims = (await loadClaims(db.prisma, user.id, authAt))!;
    const sid = await createSession(db.prisma, {
      userId: user.id,
      kind: "token",
      origin: { userAgent: null, clientAddress: null },
      authAt,
    });
    const auths = {
      cookie: { cookie: (await signIn("rogue@example.test")).cookie },
      bearer: { bearer: await issueAccessToken(withClaims({ authAt, sid }, claims)) },
    };
    const platform = PERMISSIONS.filter((p) => scopeOf(p) === "platform");
    for (const [via, auth] of Object.entries(auths)) {
      const response = await call("app/api/me/permissions/route.ts#GET", auth);
      expect(response.status, via).toBe(200);
      const body = (await response.json()) as {
        permissions: string[];
        globalPermissions: string[];
        organization: unknown;
      };
      expect(body.organization, via).toMatchObject({ slug: "acme" });
      expect(body.permissions, via).toEqual(["reports.read", "reports.export", "members.manage"]);
      expect(body.globalPermissions, via).toEqual([]);
      for (const p of platform) expect(body.permissions, `${via}: ${p}`).not.toContain(p);
      // Every route needing a platform permission refuses; the others let the member through.
      for (const [key, { handler }] of routes) {
        const permission = routePermissionOf(handler);
        if (!permission) continue;
        const status = (await call(key, auth)).status;
        if (scopeOf(permission) === "platform") expect(status, `${via}: ${key}`).toBe(403);
        else expect([401, 403, 503], `${via}: ${key}`).not.toContain(status);
      }
    }
  });

  it("a bearer request is judged by its token alone: a valid cookie beside a bad token does not help", async () => {
    const response = await call("app/api/me/permissions/route.ts#GET", {
      cookie: cookies.get("Admin")!,
      bearer: "not-a-token",
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: "invalid_token" });
  });
});
