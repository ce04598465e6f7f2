// The layering rules bite: ESLint (the same config `npm run lint` uses) is run
// on small files placed, in name only, in each folder, and must refuse every
// back-edge while letting the allowed imports through.
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: process.cwd() });
});

/** The no-restricted-imports messages for `source` as the file at `filePath`. */
async function refusals(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${source}\nexport {};\n`, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message);
}

const BACK_EDGES: [file: string, importLine: string][] = [
  ["lib/db/fixture.ts", 'import { changeHub } from "@/lib/live";'],
  ["lib/db/fixture.ts", 'import { StampCache } from "@/lib/auth/stamp-cache";'],
  ["lib/db/fixture.ts", 'import { requireUser } from "@/lib/auth";'],
  ["lib/live/fixture.ts", 'import { checkSessionFreshness } from "@/lib/auth/fresh-session";'],
  ["lib/auth/fixture.ts", 'import { PermissionStream } from "@/lib/push";'],
  ["lib/auth/fixture.ts", 'import { listUsers } from "@/lib/admin";'],
  ["lib/auth/fixture.ts", 'import { adminAction } from "@/lib/actions";'],
  ["lib/auth/fixture.ts", 'import { requireUser } from "@/lib/auth";'],
  ["lib/push/fixture.ts", 'import { requireUser } from "@/lib/auth";'],
  ["lib/admin/fixture.ts", 'import { getCurrentUser } from "@/lib/auth/session";'],
  ["lib/audit/fixture.ts", 'import type { Actor } from "@/lib/auth";'],
  ["lib/client/fixture.ts", 'import { getPrisma } from "@/lib/db/client";'],
  ["lib/client/fixture.ts", 'import { PermissionStream } from "@/lib/push";'],
  ["lib/permissions/fixture.ts", 'import { env } from "@/lib/env";'],
  ["lib/admin/fixture.ts", 'import { Page } from "@/app/(app)/page";'],
  ["lib/admin/fixture.ts", 'import { Can } from "@/components/claims-provider";'],
  ["lib/admin/fixture.ts", 'import { ActionError } from "../actions/state";'],
  ["app/(app)/fixture/page.tsx", 'import { getPrisma } from "@/lib/db/client";'],
  ["app/(app)/fixture/page.tsx", 'import { getCurrentUser } from "@/lib/auth/session";'],
  ["app/(app)/fixture/page.tsx", 'import { listUsers } from "@/lib/admin/users";'],
  ["components/fixture.tsx", 'import { liveInstance } from "@/lib/live";'],
  ["components/fixture.tsx", 'import { signOutEverywhere } from "@/app/(app)/profile/actions";'],
  ["pages/api/fixture.ts", 'import { requireUser } from "@/lib/auth";'],
  ["lib/auth/fixture.ts", 'import { listReports } from "@/lib/tenancy";'],
  // The core knows nothing of what plugs into it.
  ["lib/auth/fixture.ts", 'import { authOptions } from "@/lib/sign-in";'],
  ["lib/auth/fixture.ts", 'import { bearerTokenOf } from "@/lib/sessions/bearer";'],
  ["lib/auth/fixture.ts", 'import { switchOrganization } from "@/lib/tenancy/organizations";'],
  ["lib/sign-in/fixture.ts", 'import { issueAccessToken } from "@/lib/sessions/access-token";'],
  ["lib/sign-in/fixture.ts", 'import { isPlatformAdmin } from "@/lib/tenancy";'],
  ["lib/sessions/fixture.ts", 'import { authOptions } from "@/lib/sign-in/next-auth";'],
  ["app/(app)/fixture/page.tsx", 'import { scopedClient } from "@/lib/tenancy/scoped-client";'],
  // A relative path into lib/ would slip past every rule that names @/lib.
  ["app/(app)/fixture/page.tsx", 'import { getPrisma } from "../../../lib/db/client";'],
  ["components/fixture.tsx", 'import { requirePage } from "../lib/auth";'],
  ["pages/api/fixture.ts", 'import { getDb } from "../../lib/db/client";'],
  ["proxy.ts", 'import { liveInstance } from "./lib/live";'],
  ["lib/process-state.ts", 'import { env } from "@/lib/env";'],
  // The core plugs nothing in itself: the app hands it over (lib/auth/host.ts).
  ["lib/auth/fixture.ts", 'import { liveInstance } from "@/lib/live";'],
  ["lib/auth/fixture.ts", 'import { getDb } from "@/lib/db/client";'],
  ["lib/auth/fixture.ts", 'import { env } from "@/lib/env";'],
  ["lib/auth/fixture.ts", 'import { PAGES } from "@/lib/navigation";'],
  ["lib/auth/fixture.ts", 'import { organizationClaims } from "@/lib/tenancy/claims-extension";'],
];

const ALLOWED: [file: string, importLine: string][] = [
  ["lib/db/fixture.ts", 'import { hashPassword } from "@/lib/security/password";'],
  ["lib/live/fixture.ts", 'import { getDb } from "@/lib/db/client";'],
  ["lib/auth/fixture.ts", 'import { loadClaims } from "./claims";'],
  ["lib/auth/fixture.ts", 'import type { PrismaClient } from "@/lib/generated/prisma/client";'],
  ["lib/live/fixture.ts", 'import { StampCache } from "@/lib/auth/stamp-cache";'],
  ["lib/live-claims.ts", 'import { organizationClaims } from "@/lib/tenancy/claims-extension";'],
  ["lib/push/fixture.ts", 'import { checkSessionFreshness } from "@/lib/auth/fresh-session";'],
  ["lib/admin/fixture.ts", 'import type { Actor } from "@/lib/auth";'],
  ["app/(app)/fixture/page.tsx", 'import { requirePage } from "@/lib/page-guard";'],
  ["app/(app)/fixture/page.tsx", 'import { listUsers } from "@/lib/admin";'],
  ["components/fixture.tsx", 'import { formatTime } from "@/lib/admin/format";'],
  ["components/fixture.tsx", 'import { IDLE } from "@/lib/actions/state";'],
  ["pages/api/fixture.ts", 'import { PermissionStream } from "@/lib/push";'],
  ["app/(app)/fixture/page.tsx", 'import { listReports } from "@/lib/tenancy";'],
  ["lib/db/fixture.ts", 'import { processSlot } from "@/lib/process-state";'],
  ["lib/sign-in/fixture.ts", 'import { loadClaims } from "@/lib/auth/claims";'],
  ["lib/sessions/fixture.ts", 'import { attemptSignIn } from "@/lib/sign-in/attempt";'],
  ["lib/tenancy/fixture.ts", 'import { bearerSession } from "@/lib/sessions/bearer";'],
  ["app/api/fixture/route.ts", 'import { withUser } from "@/lib/sessions";'],
  ["components/fixture.tsx", 'import { Button } from "./button";'],
];

describe("import rules (eslint.layers.mjs)", () => {
  for (const [file, line] of BACK_EDGES) {
    it(`refuses in ${file}: ${line}`, { timeout: 60_000 }, async () => {
      const messages = await refusals(file, line);
      expect(messages.length, `${file}: ${line}`).toBeGreaterThan(0);
      for (const message of messages) expect(message).toMatch(/restricted from being used by a pattern/);
    });
  }

  for (const [file, line] of ALLOWED) {
    it(`allows in ${file}: ${line}`, { timeout: 60_000 }, async () => {
      expect(await refusals(file, line)).toEqual([]);
    });
  }
});
