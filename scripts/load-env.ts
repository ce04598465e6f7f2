// Scripts see the same .env files as `next dev` / `next start` do.
import { loadEnvConfig } from "@next/env";

loadEnvConfig(process.cwd(), process.env.NODE_ENV !== "production");
