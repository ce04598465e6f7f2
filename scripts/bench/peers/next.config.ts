import path from "node:path";
import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // This app sits inside the main app's folder, which has its own lockfile:
  // without a root, Next would take the outer folder for the workspace.
  turbopack: { root: path.resolve(import.meta.dirname) },
  outputFileTracingRoot: path.resolve(import.meta.dirname),
  serverExternalPackages: ["pg", "@prisma/adapter-pg"],
  poweredByHeader: false,
};

export default nextConfig;
