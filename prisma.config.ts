// Prisma CLI configuration. The CLI is used here only for `prisma generate`;
// migrations are applied by lib/db/migrate.ts (see docs/CONFIGURATION.md, "Migrations").
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
