// GET /api/openapi.json: a valid OpenAPI 3.1 document that names every route
// handler under app/api and pages/api with the methods it exports (read from
// the code, so a new route without a description fails here), and whose
// request bodies are the routes' own zod schemas.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { GET } from "@/app/api/openapi.json/route";
import { openApiDocument } from "@/app/api/openapi.json/document";

/** Not ours to describe: next-auth's own routes, and the catch-all that answers 404 for any other path. */
const NOT_DESCRIBED = ["app/api/auth/[...nextauth]/route.ts", "app/api/[...path]/route.ts"];
const METHOD = /export (?:const|(?:async )?function) (GET|POST|PUT|PATCH|DELETE)\b/g;

function filesUnder(folder: string): string[] {
  return (readdirSync(folder, { recursive: true }) as string[]).map((f) =>
    path.posix.join(folder, f.split(path.sep).join("/")),
  );
}

/** Each route file as "METHOD /api/path", the path as OpenAPI writes it ({id}). */
function operationsInCode(): string[] {
  const appRoutes = filesUnder("app/api")
    .filter((f) => f.endsWith("/route.ts") && !NOT_DESCRIBED.includes(f))
    .map((file) => ({ file, url: file.replace(/^app/, "").replace(/\/route\.ts$/, "") }));
  const pagesRoutes = filesUnder("pages/api")
    .filter((f) => f.endsWith(".ts"))
    .map((file) => ({ file, url: file.replace(/^pages/, "").replace(/\.ts$/, "") }));
  return [...appRoutes, ...pagesRoutes].flatMap(({ file, url }) => {
    const source = readFileSync(file, "utf8");
    // A Pages Router route is one default export that answers its own methods: GET.
    const methods = file.startsWith("pages/") ? ["GET"] : [...source.matchAll(METHOD)].map((m) => m[1]!);
    expect(methods.length, `${file} exports no handler`).toBeGreaterThan(0);
    return methods.map((method) => `${method} ${url.replace(/\[(\w+)\]/g, "{$1}")}`);
  });
}

function operationsInDocument(): string[] {
  return Object.entries(openApiDocument().paths).flatMap(([url, operations]) =>
    Object.keys(operations).map((method) => `${method.toUpperCase()} ${url}`),
  );
}

describe("the OpenAPI document", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    const result = await new Validator().validate(openApiDocument());
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it("describes exactly the route handlers the code has, method by method", () => {
    expect(operationsInDocument().sort()).toEqual(operationsInCode().sort());
  });

  it("takes its request bodies from the routes' zod schemas", () => {
    const { paths } = openApiDocument();
    const body = (operation: { requestBody?: { content: Record<string, { schema: unknown }> } }) =>
      operation.requestBody?.content["application/json"]?.schema;
    expect(body(paths["/api/tokens"].post)).toMatchObject({
      type: "object",
      properties: {
        email: { type: "string", maxLength: 320 },
        password: { type: "string", maxLength: 1024 },
      },
      required: ["email", "password"],
      additionalProperties: false,
    });
    expect(body(paths["/api/tokens/refresh"].post)).toMatchObject({ required: ["refreshToken"] });
    expect(body(paths["/api/me/organization"].put)).toMatchObject({ required: ["slug"] });
    expect(paths["/api/me/sessions/{id}"].delete.parameters[0]!.schema).toMatchObject({ format: "uuid" });
  });

  it("is served publicly at /api/openapi.json, cacheable", async () => {
    const response = GET();
    expect(response.status).toBe(200);
    expect(response.headers.get("Cache-Control")).toBe("public, max-age=300");
    expect(await response.json()).toEqual(JSON.parse(JSON.stringify(openApiDocument())));
  });
});
