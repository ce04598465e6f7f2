// @ts-check

// Headers that never change, on every response: pages, API routes, static
// files and next-auth's routes alike (several of those never reach the proxy).
// The Content-Security-Policy with its per-request nonce, and HSTS (which
// depends on the deployment's cookies setting, read at run time), are set by
// proxy.ts: see lib/security/headers.ts.
const STATIC_SECURITY_HEADERS = [
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
];

// next-auth's own routes are outside the proxy. They answer JSON and
// redirects, and a few plain HTML pages with inline styles and no script.
const AUTH_ROUTES_POLICY = [
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  "img-src 'self' data:",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join("; ");

/** @type {import("next").NextConfig} */
const nextConfig = {
  // PGlite ships WASM and data files that must be loaded from node_modules at
  // run time, not bundled; pg and the Prisma adapters are server-only too.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "pg", "@prisma/adapter-pg"],
  poweredByHeader: false,
  // `npm test` type-checks the whole project first (npm run typecheck), then
  // builds for the browser tests: that build skips a second check of the same
  // types. Every other build checks them.
  typescript: { ignoreBuildErrors: process.env.NEXT_BUILD_SKIP_TYPECHECK === "1" },
  // forbidden() and app/(app)/forbidden.tsx: a page's guard ends the request with 403 (lib/auth).
  experimental: {
    authInterrupts: true,
    // How much of a request body Next copies for the proxy and holds until the
    // route reads it (10 MB by default, whatever the route's own limit). Equal
    // to MAX_REQUEST_BODY_BYTES (lib/security/body-limit.ts), which the proxy
    // enforces from the headers, so no body the app accepts is ever cut short.
    proxyClientMaxBodySize: 64 * 1024,
  },
  // Next 16.4's strict route matching counts the shell's catch-all sync slot
  // (app/(app)/@sync/[...path]) against /sign-in, which is outside the shell, and
  // `next dev` then answers /sign-in with 404 ("page files do not match any
  // complete route"); `next build` does not check. The legacy matcher serves both.
  deprecated: { looseRouteMatching: true },
  // The icon is app/icon.svg, linked from every page; browsers that ask for
  // /favicon.ico without reading the link get the same icon, not a 404.
  async rewrites() {
    return [{ source: "/favicon.ico", destination: "/icon.svg" }];
  },
  async headers() {
    return [
      { source: "/:path*", headers: STATIC_SECURITY_HEADERS },
      {
        source: "/api/auth/:path*",
        headers: [{ key: "Content-Security-Policy", value: AUTH_ROUTES_POLICY }],
      },
    ];
  },
};

module.exports = nextConfig;
