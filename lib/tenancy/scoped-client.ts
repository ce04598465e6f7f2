// The one way to reach organization-owned rows: a Prisma client extension
// that pins every query of an organization-owned model to one organization.
// Reads and bulk writes get `organizationId` added to their filter, creates
// get it in their data, and a client built without an organization refuses
// every such query instead of reading everyone's rows. Nothing else may touch
// these models: the lint rule in eslint.layers.mjs (ORGANIZATION_OWNED)
// refuses `.report` outside lib/tenancy, and test/unit/tenant-scope.test.ts
// proves both.
import type { PrismaClient } from "@/lib/generated/prisma/client";

export class UnscopedQueryError extends Error {
  constructor(model: string, operation: string) {
    super(
      `${model}.${operation} needs an active organization: organization-owned rows are never read unscoped`,
    );
    this.name = "UnscopedQueryError";
  }
}

const FILTERED = new Set([
  "findMany",
  "findFirst",
  "findFirstOrThrow",
  "findUnique",
  "findUniqueOrThrow",
  "count",
  "aggregate",
  "groupBy",
  "update",
  "updateMany",
  "updateManyAndReturn",
  "delete",
  "deleteMany",
]);

type Args = { where?: object; data?: object | object[]; create?: object };

/** `args` limited to `organizationId`, or an error for an operation it cannot limit. */
export function scopeArgs(model: string, operation: string, args: Args, organizationId: string | null): Args {
  if (!organizationId) throw new UnscopedQueryError(model, operation);
  if (FILTERED.has(operation)) return { ...args, where: { ...args.where, organizationId } };
  if (operation === "create") return { ...args, data: { ...args.data, organizationId } };
  if (operation === "createMany" || operation === "createManyAndReturn") {
    const rows = Array.isArray(args.data) ? args.data : [args.data];
    return { ...args, data: rows.map((row) => ({ ...row, organizationId })) };
  }
  if (operation === "upsert")
    return { ...args, where: { ...args.where, organizationId }, create: { ...args.create, organizationId } };
  throw new UnscopedQueryError(model, operation); // anything new is refused until it is scoped here
}

/** `prisma` with every organization-owned query pinned to `organizationId` (null: every such query throws). */
export function scopedClient(prisma: PrismaClient, organizationId: string | null) {
  return prisma.$extends({
    name: "tenant-scope",
    // Every organization-owned model (each has an organizationId column), by its Prisma key.
    query: {
      report: {
        $allOperations({ model, operation, args, query }) {
          return query(scopeArgs(model, operation, args as Args, organizationId) as typeof args);
        },
      },
    },
  });
}
