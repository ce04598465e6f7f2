// The OpenAPI 3.1 description of /api/*, for clients written against the API
// rather than from prose (docs/CLIENTS.md). Request bodies and path parameters
// are the zod schemas the routes validate with, converted by zod itself, so
// the description cannot drift from what a route accepts; responses are
// described here. test/unit/openapi.test.ts validates the document and checks
// that it names every route handler under app/api and pages/api.
import { z } from "zod";
import { PERMISSIONS_HEADER } from "@/lib/auth";
import { PERMISSIONS } from "@/lib/permissions";
import { ACCESS_TOKEN_HEADER } from "@/lib/sessions";
import { refreshRequestSchema, sessionIdSchema, tokenRequestSchema } from "@/lib/validations/auth";
import { switchOrganizationSchema } from "@/lib/validations/organization";

type JsonSchema = Record<string, unknown>;

/** A request schema as a client must send it (before transforms). */
const input = (schema: z.ZodType): JsonSchema => {
  const converted: JsonSchema = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" });
  delete converted.$schema; // the document's own dialect applies
  return converted;
};
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: JsonSchema, description: string) => ({
  description,
  content: { "application/json": { schema } },
});
const error = (description: string) => json(ref("Error"), description);

const permission = { type: "string", enum: [...PERMISSIONS] };
const organization = {
  type: ["object", "null"],
  properties: { id: { type: "string" }, slug: { type: "string" }, name: { type: "string" } },
  required: ["id", "slug", "name"],
};

const SCHEMAS: Record<string, JsonSchema> = {
  Error: { type: "object", properties: { error: { type: "string" } }, required: ["error"] },
  Claims: {
    type: "object",
    description:
      "The signed-in user's claims, as fresh as the request (rebuilt when the permission stamp moved).",
    properties: {
      user: {
        type: "object",
        properties: { id: { type: "string" }, email: { type: "string" }, name: { type: "string" } },
        required: ["id", "email", "name"],
      },
      roles: { type: "array", items: { type: "string" } },
      permissions: { type: "array", items: permission, description: "In effect in the active organization." },
      globalPermissions: {
        type: "array",
        items: permission,
        description: "From global roles: the only ones that count on the platform.",
      },
      permissionsUpdatedAt: { type: "integer", description: "The permission stamp (ms)." },
      organization,
      organizationChosenAt: { type: "integer" },
      organizations: {
        type: "array",
        items: {
          type: "object",
          properties: {
            id: { type: "string" },
            slug: { type: "string" },
            name: { type: "string" },
            roles: { type: "array", items: { type: "string" } },
          },
          required: ["id", "slug", "name", "roles"],
        },
      },
    },
    required: ["user", "roles", "permissions", "globalPermissions", "permissionsUpdatedAt", "organization"],
  },
  TokenPair: {
    type: "object",
    properties: {
      accessToken: { type: "string", description: "An Ed25519-signed JWT; keys at /.well-known/jwks.json." },
      refreshToken: { type: "string", description: "Single use: each refresh returns a new pair." },
      tokenType: { const: "Bearer" },
      expiresIn: { type: "integer", description: "Seconds until the access token expires." },
    },
    required: ["accessToken", "refreshToken", "tokenType", "expiresIn"],
  },
};

const BEARER_OR_COOKIE = [{ bearer: [] }, { sessionCookie: [] }];
const SIGNED_IN_ERRORS = {
  "401": error(
    "Not signed in, or the session or token ended (`session_ended`, `token_expired`, `invalid_token`).",
  ),
  "503": error("Permissions cannot be checked right now (the database is unreachable): fail closed."),
};
/** What readJsonBody and the schema refuse, as `invalid_request`. */
const BAD_TOKEN_REQUEST = {
  "400": error("`invalid_request`: not JSON, or not this shape."),
  "413": error("`invalid_request`: larger than 4 KB."),
  "415": error("`invalid_request`: not application/json."),
};
const stampHeader = {
  [PERMISSIONS_HEADER]: {
    description: "The permission stamp (ms) the response was served with; refetch the claims when it moves.",
    schema: { type: "integer" },
  },
  [ACCESS_TOKEN_HEADER]: {
    description: "Bearer clients: a new access token, when the claims were rebuilt. Keep it.",
    schema: { type: "string" },
  },
};
const ok = (schema: JsonSchema, description: string) => ({
  ...json(schema, description),
  headers: stampHeader,
});

/** Every operation, by path and method. */
const PATHS = {
  "/api/health": {
    get: {
      summary: "This instance's health: database, change listener, freshness mode",
      security: [],
      responses: {
        "200": json({ type: "object" }, "Healthy (`status: ok`)."),
        "503": json({ type: "object" }, "Degraded: the database or the listener is down."),
      },
    },
  },
  "/api/tokens": {
    post: {
      summary: "Sign in for tokens (a new token session)",
      security: [],
      requestBody: { required: true, content: { "application/json": { schema: input(tokenRequestSchema) } } },
      responses: {
        "200": json(ref("TokenPair"), "Signed in."),
        ...BAD_TOKEN_REQUEST,
        "401": error("`invalid_credentials`."),
        "429": error("`too_many_attempts`: see Retry-After."),
        "503": error("`temporarily_unavailable`."),
      },
    },
  },
  "/api/tokens/refresh": {
    post: {
      summary: "Trade a refresh token for a new pair (rotation; a reused one ends the session)",
      security: [],
      requestBody: {
        required: true,
        content: { "application/json": { schema: input(refreshRequestSchema) } },
      },
      responses: {
        "200": json(ref("TokenPair"), "A new pair; the old refresh token is spent."),
        ...BAD_TOKEN_REQUEST,
        "401": error("`invalid_token`, `session_ended` or `refresh_token_reused`."),
        "503": error("`temporarily_unavailable`."),
      },
    },
  },
  "/api/me/permissions": {
    get: {
      summary: "The signed-in user's claims",
      security: BEARER_OR_COOKIE,
      responses: { "200": ok(ref("Claims"), "The claims."), ...SIGNED_IN_ERRORS },
    },
  },
  "/api/me/organization": {
    put: {
      summary: "Switch the active organization",
      security: BEARER_OR_COOKIE,
      requestBody: {
        required: true,
        content: { "application/json": { schema: input(switchOrganizationSchema) } },
      },
      responses: {
        "200": ok(
          ref("Claims"),
          "Switched: the claims in the new organization (a new cookie or access token).",
        ),
        "404": error("No such organization among the user's."),
        "400": error("Not JSON."),
        "413": error("Larger than 4 KB."),
        "415": error("Not application/json."),
        "422": error("Not this shape."),
        ...SIGNED_IN_ERRORS,
      },
    },
  },
  "/api/me/sessions": {
    get: {
      summary: "Where the signed-in user is signed in",
      security: BEARER_OR_COOKIE,
      responses: {
        "200": ok({ type: "object" }, "`{ sessions: [...] }`, the current one marked."),
        ...SIGNED_IN_ERRORS,
      },
    },
  },
  "/api/me/sessions/{id}": {
    delete: {
      summary: "End one of the user's own sessions",
      security: BEARER_OR_COOKIE,
      parameters: [{ name: "id", in: "path", required: true, schema: input(sessionIdSchema) }],
      responses: {
        "204": { description: "Ended: its next request, on any instance, is refused." },
        "404": error("No such session of this user."),
        ...SIGNED_IN_ERRORS,
      },
    },
  },
  "/api/me/events": {
    get: {
      summary: "Server-Sent Events: a `permissions` event whenever the user's claims change",
      security: BEARER_OR_COOKIE,
      responses: {
        "200": {
          description: "An event stream.",
          content: { "text/event-stream": { schema: { type: "string" } } },
        },
        "429": error("Too many open streams for this user or this instance: see Retry-After."),
        ...SIGNED_IN_ERRORS,
      },
    },
  },
  "/api/reports": {
    get: {
      summary: "The active organization's reports (reports.read)",
      security: BEARER_OR_COOKIE,
      responses: {
        "200": ok({ type: "object" }, "`{ organization, reports: [...] }`."),
        "403": error("Missing permission: reports.read."),
        ...SIGNED_IN_ERRORS,
      },
    },
  },
  "/api/reports/export": {
    get: {
      summary: "The same reports as CSV (reports.export)",
      security: BEARER_OR_COOKIE,
      responses: {
        "200": { description: "CSV.", content: { "text/csv": { schema: { type: "string" } } } },
        "403": error("Missing permission: reports.export."),
        ...SIGNED_IN_ERRORS,
      },
    },
  },
  "/api/openapi.json": {
    get: {
      summary: "This document",
      security: [],
      responses: { "200": json({ type: "object" }, "OpenAPI 3.1.") },
    },
  },
};

export function openApiDocument() {
  return {
    openapi: "3.1.0",
    info: {
      title: "Live Authz API",
      version: "1",
      description:
        "Every signed-in answer is served with claims as fresh as the request: a change to the user's roles " +
        "counts from their next request. Browsers send the session cookie; other clients a bearer token " +
        "from POST /api/tokens (docs/CLIENTS.md).",
    },
    paths: PATHS,
    components: {
      schemas: SCHEMAS,
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", bearerFormat: "JWT" },
        sessionCookie: {
          type: "apiKey",
          in: "cookie",
          name: "next-auth.session-token",
          description: "`__Secure-next-auth.session-token` on https deployments.",
        },
      },
    },
  };
}
