// Prisma CLI configuration: the CLI only generates the client here.
import { defineConfig } from "prisma/config";

export default defineConfig({ schema: "prisma/schema.prisma" });
