import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

// Server modules that pages/api/me/events.ts imports cannot carry
// `import "server-only"` (it throws outside React Server Components), so
// client code is kept away from them here instead.
const serverOnlyForPagesRoute = [
  "@/lib/db/*",
  "@/lib/push/*",
  "@/lib/auth/refresh",
  "@/lib/auth/stamp-source",
  "@/lib/auth/fresh-session",
];

const config = [
  ...nextVitals,
  ...nextTypescript,
  {
    files: ["components/**/*.{ts,tsx}", "lib/client/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: serverOnlyForPagesRoute, message: "Server code: not for the browser." }] },
      ],
    },
  },
  {
    ignores: [
      ".next/**",
      "node_modules/**",
      "lib/generated/**",
      "playwright-report/**",
      "test-results/**",
      ".stryker-tmp/**",
      "reports/**",
      "next-env.d.ts",
    ],
  },
];

export default config;
